import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseTopology } from '../../src/topology/load.js';
import { describeE2E, lab, labFile, leftovers, usesLabs } from './helpers.js';

const A = 'e2e-habit-a';
const B = 'e2e-habit-b';

/** The quoted commands of a `next:` line, as a user would copy them. */
function nextCommands(stdout: string): string[][] {
  const line = stdout.split('\n').find((l) => l.startsWith('next: '))!;
  return [...line.matchAll(/'([^']+)'/g)].map((m) => m[1]!.split(' '));
}

describeE2E('the CLI as users of containerlab and docker expect', () => {
  usesLabs(A, B);

  it("with two labs up, up's next: hint works as printed; LAB picks the lab; exec takes options without --", async () => {
    expect((await lab(['up', labFile('dmz', A)])).code).toBe(0);
    const up = await lab(['up', labFile('dmz', B)]);
    expect(up.code).toBe(0);
    const hint = nextCommands(up.stdout);
    expect(hint.map((c) => c.slice(0, 2).join(' '))).toEqual(['lab status', 'lab exec', 'lab down']);
    const [status, exec] = [hint[0]!, hint[1]!];
    expect((await lab(status.slice(1))).stdout).toMatch(new RegExp(`^lab ${B}: healthy`));
    const addr = await lab(exec.slice(1));
    expect(addr.code).toBe(0);
    expect(addr.stdout).toContain('inet 172.16.255.130/26');

    const viaEnv = await lab(['exec', 'vm2', 'ping', '-c', '1', '-W', '2', '172.16.255.130'], { env: { LAB: A } });
    expect(viaEnv.stdout).toMatch(/1 packets transmitted, 1 received/);
    expect(viaEnv.code).toBe(0);
    const code = await lab(['exec', '--lab', A, 'vm1', 'sh', '-c', 'exit 7']);
    expect(code.code).toBe(7);

    const ls = await lab(['ls']);
    expect(ls.stdout).toMatch(/^LAB +RUNTIME +STATE +OWNER +NODES UP +SINCE +FILE$/m);
    expect(ls.stdout).toMatch(new RegExp(`^${A} +netns +healthy +root +5/5 `, 'm'));
    expect(ls.stdout).toMatch(new RegExp(`^${B} +netns +healthy +root +5/5 `, 'm'));
    const json = JSON.parse((await lab(['ls', '--format', 'json'])).stdout) as { name: string }[];
    expect(json.map((s) => s.name)).toEqual(expect.arrayContaining([A, B]));

    for (const name of [A, B]) expect((await lab(['down', name])).code).toBe(0);
    expect([...(await leftovers(A)), ...(await leftovers(B))]).toEqual([]);
  });

  it('status and ls show a lab whose record cannot be read as incomplete; a directory with no record is no lab of theirs', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lab-state-'));
    mkdirSync(join(root, 'halfway'));
    writeFileSync(join(root, 'halfway', 'lab.json'), '{"format": 2, "lab": {');
    mkdirSync(join(root, 'stranger'));
    const env = { LAB_STATE_DIR: root };
    const status = await lab(['status'], { env });
    expect(status.stderr).toBe('');
    expect(status.stdout).toMatch(/^lab halfway: INCOMPLETE: its record cannot be read \(.*\): half made or half removed; 'lab down halfway' removes what is left\n$/);
    expect(status.code).toBe(1);
    expect((await lab(['ls'], { env })).stdout).toMatch(/^halfway +unknown +INCOMPLETE /m);
    expect((await lab(['ls'], { env })).stdout).not.toMatch(/stranger/);
    const down = await lab(['down', 'stranger'], { env });
    expect(down.stderr).toMatch(/stranger has no lab record \(lab\.json\), so it is not a lab's state directory/);
    expect(down.code).toBe(2);
  });

  it('a docker lab whose engine does not answer is UNREACHABLE in status, ls and version; the other labs still show', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lab-state-'));
    mkdirSync(join(root, 'gone'));
    const model = parseTopology(readFileSync('labs/dmz.yaml', 'utf8'), 'labs/dmz.yaml');
    const record = { format: 2, lab: { ...model, name: 'gone' }, runtime: 'docker', datapath: 'netdev', createdAt: '2026-01-01T00:00:00.000Z', owner: { user: 'root', uid: 0 }, maker: { pid: 1, start: '', command: 'up' }, state: 'up' };
    writeFileSync(join(root, 'gone', 'lab.json'), JSON.stringify(record));
    mkdirSync(join(root, 'halfway'));
    writeFileSync(join(root, 'halfway', 'lab.json'), '{');
    // An engine nobody listens on: the lab's containers may still be there, lab cannot tell.
    const env = { LAB_STATE_DIR: root, DOCKER_HOST: `unix://${join(root, 'no-docker.sock')}` };
    const status = await lab(['status'], { env });
    expect(status.stdout).toMatch(/^lab gone: UNREACHABLE: its docker runtime does not answer \(.*no-docker\.sock.*\); once it does, 'lab status gone' looks again and 'lab down gone' removes the lab$/m);
    expect(status.stdout).toMatch(/^lab halfway: INCOMPLETE: /m);
    expect(status.code).toBe(1);
    expect((await lab(['ls'], { env })).stdout).toMatch(/^gone +docker +UNREACHABLE +root +- +2026-01-01T00:00:00.000Z +its docker runtime does not answer/m);
    const version = await lab(['version'], { env });
    expect(version.stdout).toMatch(/^lab gone \(docker\):\n {2}cannot tell: its runtime does not answer \(.*no-docker\.sock.*\)$/m);
    expect(version.code).toBe(0);
  });
});

it('validate checks every file and reports every problem of each, then exits 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-validate-'));
  const files = ['a', 'b', 'c'].map((n) => join(dir, `${n}.yaml`));
  writeFileSync(files[0]!, 'name: a\nchassis: { hv1: {} }\nvms: { v1: { chassis: hv9, switch: s, ip: 10.0.0.5 } }\n');
  writeFileSync(files[1]!, 'name: b\nruntime: vm\nchassis: { hv1: { mtu: 5 } }\n');
  writeFileSync(files[2]!, 'name: c\nchassis: [ {\n');
  const r = await lab(['validate', ...files, 'labs/dmz.yaml']);
  expect(r.code).toBe(2);
  expect(r.stdout).toContain('labs/dmz.yaml: valid');
  for (const line of [
    `${files[0]}:3:23: unknown chassis 'hv9' (chassis in this file: hv1)`,
    `${files[0]}:3:36: unknown switch 's' (switches in this file: none)`,
    `${files[1]}:2:10: runtime: expected one of netns, docker, not the text 'vm'`,
    `${files[1]}:3:19: unknown key 'mtu' in chassis.hv1 (expected one of: ip, release, ovn, ovs, engine, encap, transport_zones, bridge_mappings)`,
    `${files[2]}:3:1: YAML:`,
    'error: 3 of 4 files are not valid',
  ])
    expect(r.stderr).toContain(line);
});

it('version and completion', async () => {
  const v = await lab(['version']);
  expect(v.stdout).toMatch(/^lab \d+\.\d+\.\d+ \(Node\.js [\d.]+\)\nOpen vSwitch (\d+\.\d+\.\d+|not installed) \(ovs-vswitchd\)\nOVN (\d+\.\d+\.\d+|not installed) \(ovn-controller\)\n$/);
  expect((await lab(['--version'])).stdout.trim()).toBe(v.stdout.split(' ')[1]);
  const script = (await lab(['completion', 'bash'])).stdout;
  const complete = (words: string[]) => execFileSync('bash', ['-c', `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _lab; echo "\${COMPREPLY[*]}"`], { encoding: 'utf8' }).trim();
  expect(complete(['lab', 'val'])).toBe('validate');
  expect(complete(['lab', 'status', '--f'])).toBe('--format');
  expect(complete(['lab', 'test', '--bun'])).toBe('--bundle-dir');
});
