import { afterAll, beforeAll, expect, it } from 'vitest';
import { processAlive } from '../../src/base/processes.js';
import { describeE2E, lab, labFile, labProcesses, leftovers, rootNamespaceSnapshot } from './helpers.js';

const NAME = 'e2e-dmz';

describeE2E('labs/dmz.yaml on the netns runtime', () => {
  let file: string;
  let rootBefore: string;

  beforeAll(async () => {
    await lab(['down', NAME]);
    rootBefore = await rootNamespaceSnapshot();
    file = labFile('dmz', NAME);
    const up = await lab(['up', file]);
    expect(up.stderr + up.stdout).toContain(`lab ${NAME} is up`);
    expect(up.code).toBe(0);
  });

  afterAll(async () => {
    await lab(['down', NAME]);
  });

  it("gives vm1 the notes' lease: 172.16.255.130/26, default route via 172.16.255.129, MTU 1400", async () => {
    const addr = await lab(['exec', '--lab', NAME, 'vm1', '--', 'ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
    expect(addr.stdout).toMatch(/inet 172\.16\.255\.130\/26 /);
    const route = await lab(['exec', '--lab', NAME, 'vm1', '--', 'ip', 'route', 'show', 'default']);
    expect(route.stdout).toMatch(/^default via 172\.16\.255\.129 dev eth0/);
    const link = await lab(['exec', '--lab', NAME, 'vm1', '--', 'ip', '-o', 'link', 'show', 'dev', 'eth0']);
    expect(link.stdout).toMatch(/mtu 1400 /);
    const v6 = await lab(['exec', '--lab', NAME, 'vm1', '--', 'ip', '-6', '-o', 'addr', 'show', 'dev', 'eth0']);
    expect(v6.stdout).toBe(''); // no IPv6 chatter on an IPv4 lab's switch
  });

  it("installs the notes' DHCP flow on hv1, to the byte, and none for vm1 on hv2", async () => {
    const notes = 'controller(userdata=00.00.00.02.00.00.00.00.00.01.de.10.00.00.00.63.ac.10.ff.82.33.04.00.00.0e.10.01.04.ff.ff.ff.c0.03.04.ac.10.ff.81.36.04.ac.10.ff.81,pause)';
    const hv1 = await lab(['ofctl', '--lab', NAME, 'hv1', '--', 'dump-flows', 'br-int']);
    const discover = hv1.stdout.split('\n').filter((l) => /dl_src=02:ac:10:ff:01:30,nw_src=0\.0\.0\.0,nw_dst=255\.255\.255\.255,tp_src=68,tp_dst=67/.test(l));
    expect(discover).toHaveLength(1);
    expect(discover[0]).toContain(`actions=${notes},resubmit(`);
    const hv2 = await lab(['ofctl', '--lab', NAME, 'hv2', '--', 'dump-flows', 'br-int']);
    expect(hv2.stdout).not.toContain('ac.10.ff.82');
  });

  it('gives vm2 172.16.255.131/26 by DHCP', async () => {
    const addr = await lab(['exec', '--lab', NAME, 'vm2', '--', 'ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0']);
    expect(addr.stdout).toMatch(/inet 172\.16\.255\.131\/26 /);
  });

  it('vm1 pings vm2 across the Geneve tunnel, every reply back', async () => {
    const ping = await lab(['exec', '--lab', NAME, 'vm1', '--', 'ping', '-c', '3', '-i', '0.2', '-W', '2', '172.16.255.131']);
    expect(ping.stdout).toMatch(/3 packets transmitted, 3 received/);
    expect(ping.code).toBe(0);
    const tunnel = await lab(['exec', '--lab', NAME, 'hv1', '--', 'ovs-vsctl', '--bare', '--columns=options', 'find', 'Interface', 'type=geneve']);
    expect(tunnel.stdout).toContain('remote_ip=192.168.100.3');
  });

  it('passes exit codes and stderr of exec through', async () => {
    const r = await lab(['exec', '--lab', NAME, 'hv1', '--', 'sh', '-c', 'echo oops >&2; exit 7']);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain('oops');
  });

  it('status --json shows every daemon running, both chassis registered, both addresses', async () => {
    const r = await lab(['status', NAME, '--format', 'json']);
    expect(r.code).toBe(0);
    const [s] = JSON.parse(r.stdout);
    expect(s.healthy).toBe(true);
    expect(s.nodes.filter((n: { kind: string; registered: string }) => n.kind === 'chassis' && n.registered === 'yes')).toHaveLength(2);
    const vms = Object.fromEntries(s.nodes.filter((n: { kind: string }) => n.kind === 'vm').map((n: { name: string; address: string }) => [n.name, n.address]));
    expect(vms).toEqual({ vm1: '172.16.255.130/26', vm2: '172.16.255.131/26' });
  });

  it('refuses a second up of the same lab, and says what to do', async () => {
    const r = await lab(['up', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`lab '${NAME}' is already up`);
    expect(r.stderr).toContain(`lab down ${NAME}`);
  });

  it('down removes every namespace, process and file of the lab and leaves the root namespace as it was', async () => {
    const pids = labProcesses(NAME);
    expect(pids.length).toBeGreaterThanOrEqual(8); // 3 central + 2×3 chassis daemons + dhclients
    const down = await lab(['down', NAME]);
    expect(down.code).toBe(0);
    expect(await leftovers(NAME)).toEqual([]);
    expect(pids.filter(processAlive)).toEqual([]);
    expect(await rootNamespaceSnapshot()).toBe(rootBefore);
    const again = await lab(['down', NAME]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('not up');
  });
});
