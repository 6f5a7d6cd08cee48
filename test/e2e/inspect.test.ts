import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { findProgram } from '../../src/base/host.js';
import { CLI, describeE2E, lab, labFile, leftovers, usesLabs } from './helpers.js';

const NAME = 'e2e-inspect';
const SCRIPTED = 'e2e-script';

/** Runs the CLI with text on stdin (for lab shell). */
function labWithInput(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...process.env, CI: 'true' } }, (err, stdout, stderr) => res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
    child.stdin!.end(input);
  });
}

describeE2E('looking inside a running lab', () => {
  usesLabs(NAME);
  beforeAll(async () => {
    expect((await lab(['up', labFile('dmz', NAME)])).code).toBe(0);
  });

  it("lab nbctl / sbctl run against the lab's databases, exit codes passed through", async () => {
    const show = await lab(['nbctl', '--lab', NAME, '--', 'show']);
    expect(show.stdout).toMatch(/switch \S+ \(dmz\)/);
    expect(show.stdout).toContain('addresses: ["02:ac:10:ff:01:30 172.16.255.130"]');
    const sb = await lab(['sbctl', '--lab', NAME, '--', '--bare', '--columns=name', 'list', 'Chassis']);
    expect(sb.stdout.split('\n').filter(Boolean).sort()).toEqual(['hv1', 'hv2']);
    const bad = await lab(['nbctl', '--lab', NAME, '--', 'no-such-command']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('no-such-command');
  });

  it("lab vsctl / ofctl / appctl run against one chassis' OVS", async () => {
    expect((await lab(['vsctl', '--lab', NAME, 'hv1', '--', 'get', 'Open_vSwitch', '.', 'external_ids:system-id'])).stdout.trim()).toBe('hv1');
    expect((await lab(['ofctl', '--lab', NAME, 'hv1', '--', 'dump-flows', 'br-int'])).stdout).toMatch(/controller\(userdata=[0-9a-f.]+,pause\)/);
    expect((await lab(['appctl', '--lab', NAME, 'hv2', '--', 'tnl/neigh/show'])).stdout).toContain('192.168.100.2');
    const notChassis = await lab(['ofctl', '--lab', NAME, 'central', '--', 'show', 'br-int']);
    expect(notChassis.code).toBe(2);
    expect(notChassis.stderr).toContain("has no chassis 'central'");
  });

  it('lab shell: a shell in the node where the tools work as typed, prompt naming lab and node', async () => {
    const r = await labWithInput(['shell', '--lab', NAME, 'hv1'], 'ovs-vsctl br-exists br-int && echo BR-INT-OK\novn-nbctl ls-list\nexit 4\n');
    expect(r.stdout).toContain('BR-INT-OK');
    expect(r.stdout).toMatch(/\(dmz\)/);
    expect(r.stderr).toContain(`[lab ${NAME}:hv1]`);
    expect(r.code).toBe(4);
  });

  it('lab flows annotates br-int flows with their logical stage; --stage filters', async () => {
    const r = await lab(['flows', '--lab', NAME, 'hv1', '--stage', 'ls_in_dhcp_options', '--format', 'json']);
    const flows = JSON.parse(r.stdout);
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.every((f: { lflow: { stage: string } }) => f.lflow.stage === 'ls_in_dhcp_options')).toBe(true);
    expect(flows.some((f: { actions: string }) => f.actions.includes('pause'))).toBe(true);
  });

  it('lab flows --during shows the DHCP flow chain for a dhclient request, and not for a ping', async () => {
    const dhcp = JSON.parse((await lab(['flows', '--lab', NAME, 'hv1', '--format', 'json', '--during', 'vm1', '--', 'dhclient', '-1', 'eth0'])).stdout);
    const stages = dhcp.map((f: { lflow?: { stage: string } }) => f.lflow?.stage).filter(Boolean);
    expect(stages).toContain('ls_in_dhcp_options');
    expect(stages).toContain('ls_in_dhcp_response');
    const put = dhcp.find((f: { lflow?: { actions: string } }) => f.lflow?.actions.includes('put_dhcp_opts'));
    expect(put.delta).toBeGreaterThanOrEqual(1);
    expect(put.actions).toMatch(/controller\(.*pause\)/);
    expect(dhcp.map((f: { table: number }) => f.table)).toEqual([...dhcp.map((f: { table: number }) => f.table)].sort((a, b) => a - b));

    const ping = JSON.parse((await lab(['flows', '--lab', NAME, 'hv1', '--format', 'json', '--during', 'vm1', '--', 'ping', '-c', '1', '172.16.255.131'])).stdout);
    expect(ping.length).toBeGreaterThan(0);
    expect(ping.some((f: { lflow?: { actions: string } }) => f.lflow?.actions.includes('put_dhcp_opts'))).toBe(false);
  });

  it('lab trace builds the microflow from the lab and prints the trace', async () => {
    const r = await lab(['trace', '--lab', NAME, 'vm1', 'vm2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('inport == "dmz-vm1" && eth.src == 02:ac:10:ff:01:30 && eth.dst == 02:ac:10:ff:01:31');
    expect(r.stdout).toContain('output to "dmz-vm2"');
    const raw = await lab(['trace', '--lab', NAME, '--', '--minimal', 'dmz', 'inport == "dmz-vm2" && eth.dst == 02:ac:10:ff:01:30']);
    expect(raw.stdout).toContain('output("dmz-vm1")');
  });

  it('lab graph shows live addresses, tunnels drawn apart from logical attachments', async () => {
    const mermaid = await lab(['graph', NAME]);
    expect(mermaid.stdout).toContain('flowchart TB');
    expect(mermaid.stdout).toContain('172.16.255.130/26');
    expect(mermaid.stdout).toContain('chassis_hv1 ===|geneve| chassis_hv2');
    expect(mermaid.stdout).toContain('vm_vm1 -.-|dmz-vm1| switch_dmz');
  });

  it('lab graph draws svg with no Graphviz on the host (WebAssembly), physical and logical layers apart, a legend', async () => {
    const svg = await lab(['graph', NAME, '--format', 'svg'], { env: { PATH: '/nonexistent' } });
    expect(svg.code).toBe(0);
    expect(svg.stdout).toMatch(/^<\?xml[\s\S]*<svg /);
    for (const text of ['physical: central, chassis, networks outside OVN', 'logical: OVN switches, routers, port groups, load balancers', 'legend', 'tunnel (Geneve, VXLAN, mirror)', '172.16.255.131/26']) expect(svg.stdout).toContain(text);
  });

  it('the html renders in headless Chromium', async (t) => {
    const chromium = findProgram('chromium');
    if (!chromium) {
      if (process.env.CI) throw new Error('missing chromium (apt-get install chromium)');
      t.skip();
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'lab-graph-'));
    const html = join(dir, 'lab.html');
    expect((await lab(['graph', NAME, '--format', 'html', '-o', html])).code).toBe(0);
    const dom = await new Promise<string>((res) =>
      execFile(
        chromium,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          `--user-data-dir=${join(dir, 'profile')}`,
          '--dump-dom',
          `file://${html}`,
        ],
        { timeout: 60_000 },
        (_e, out) => res(out),
      ),
    );
    const [, w, h] = /data-rendered="(\d+)x(\d+)"/.exec(dom) ?? [];
    expect(Number(w)).toBeGreaterThan(200);
    expect(Number(h)).toBeGreaterThan(200);
    expect(dom).toContain('vm1');
  });
});

describeE2E('lab script: the plain bash script builds a lab that passes the same checks', () => {
  usesLabs(SCRIPTED);

  it('runs by itself, then lab test and lab down work on its lab', async () => {
    const file = labFile('dmz', SCRIPTED);
    const script = await lab(['script', file]);
    expect(script.code).toBe(0);
    expect(script.stdout).toContain('in_node central ovn-nbctl --timeout=30 -- ls-add dmz');
    expect(script.stdout).toContain(`ip netns add lab.${SCRIPTED}.hv1`);
    const dryRun = await lab(['up', '--dry-run', file]);
    expect(dryRun.stdout.split('\n').length).toBe(script.stdout.split('\n').length);
    expect(await leftovers(SCRIPTED)).toEqual([]); // neither ran anything

    const path = join(mkdtempSync(join(tmpdir(), 'lab-script-')), 'lab.sh');
    writeFileSync(path, script.stdout);
    const ran = await new Promise<number>((res) => execFile('bash', [path], (err) => res(err ? Number(err.code) || 1 : 0)));
    expect(ran).toBe(0);
    const test = await lab(['test', SCRIPTED]);
    expect(test.stdout).toMatch(/^15 passed, 0 failed$/m);
    expect((await lab(['down', SCRIPTED])).code).toBe(0);
    expect(await leftovers(SCRIPTED)).toEqual([]);
  });

  it('stopped half way (a command fails), what it made is removed by lab down', async () => {
    const script = (await lab(['script', labFile('dmz', SCRIPTED)])).stdout;
    // The chassis are up; the logical network's transaction fails.
    const broken = script.replace(/^in_node central ovn-nbctl --timeout=30 -- ls-add dmz .*$/m, 'false');
    expect(broken).not.toBe(script);
    const path = join(mkdtempSync(join(tmpdir(), 'lab-script-')), 'lab.sh');
    writeFileSync(path, broken);
    const ran = await new Promise<number>((res) => execFile('bash', [path], (err) => res(err ? Number(err.code) || 1 : 0)));
    expect(ran).toBe(1);
    expect((await leftovers(SCRIPTED)).length).toBeGreaterThan(0);
    const down = await lab(['down', SCRIPTED]);
    expect(down.stdout).toBe(`lab ${SCRIPTED} is down\n`);
    expect(await leftovers(SCRIPTED)).toEqual([]);
  });

  it('also for a lab with servers, links and routing in nodes (each command keeps its own variables)', async () => {
    const file = labFile('router-vm', SCRIPTED);
    const script = await lab(['script', file]);
    expect(script.stdout).toMatch(/^in_node ext env LOG=\S+server-tcp-7000\.log PID=\S+server-tcp-7000\.pid sh -c /m);
    const path = join(mkdtempSync(join(tmpdir(), 'lab-script-')), 'lab.sh');
    writeFileSync(path, script.stdout);
    const ran = await new Promise<number>((res) => execFile('bash', [path], (err) => res(err ? Number(err.code) || 1 : 0)));
    expect(ran).toBe(0);
    expect((await lab(['test', SCRIPTED])).stdout).toMatch(/^6 passed, 0 failed$/m);
    expect((await lab(['down', SCRIPTED])).code).toBe(0);
    expect(await leftovers(SCRIPTED)).toEqual([]);
  });
});
