import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, expect, it } from 'vitest';
import { describeE2E, lab, labFile, leftovers, usesLabs } from './helpers.js';

const NAME = 'e2e-checks';

/** For every kind, one check that must pass and one that must fail for the right reason. */
const CHECKS = `
checks:
  - { name: dhcp ok, kind: dhcp, vm: vm1, address: 172.16.255.130/26, router: 172.16.255.129, lease_time: 3600, mtu: none }
  - { name: dhcp wrong address, kind: dhcp, vm: vm1, address: 172.16.255.150/26, timeout: 1 }
  - { name: ping ok, kind: ping, from: vm1, to: vm2, count: 2 }
  - { name: ping nobody, kind: ping, from: vm1, to: 172.16.255.140, count: 1, timeout: 1 }
  - { name: unreachable ok, kind: ping, from: vm1, to: 172.16.255.140, expect: unreachable, timeout: 1 }
  - { name: unreachable but answers, kind: ping, from: vm1, to: vm2, expect: unreachable, timeout: 1 }
  - { name: flow ok, kind: flow, stage: ls_in_dhcp_options, actions: "offerip = 172.16.255.130", chassis: hv1, openflow: [controller(, pause] }
  - { name: flow in wrong stage, kind: flow, stage: ls_in_dhcp_response, actions: put_dhcp_opts, timeout: 1 }
  - { name: flow absent ok, kind: flow, stage: ls_in_dhcp_options, actions: "offerip = 172.16.255.130", chassis: hv2, expect: absent, timeout: 1 }
  - { name: flow absent but present, kind: flow, stage: ls_in_dhcp_options, actions: "offerip = 172.16.255.130", chassis: hv1, expect: absent, timeout: 1 }
  - { name: trace ok, kind: trace, from: vm1, to: vm2 }
  - { name: trace expects drop, kind: trace, from: vm1, to: vm2, expect: dropped, timeout: 1 }
  - { name: bound ok, kind: bound, vm: vm2 }
  - { name: bound elsewhere, kind: bound, vm: vm2, chassis: hv1, timeout: 1 }
  - { name: chassis ok, kind: chassis }
  - { name: tunnels ok, kind: tunnels }
  - { name: exec ok, kind: exec, node: hv1, command: ovs-vsctl br-exists br-int, exit: 0 }
  - { name: exec wrong output, kind: exec, node: vm1, command: [ip, route], output: "default via 10\\\\.", timeout: 1 }
  - { name: local to another chassis, kind: local, from: vm1, to: vm2, count: 2, timeout: 1 }
`;

describeE2E('check kinds against a real lab', () => {
  usesLabs(NAME);
  const out = mkdtempSync(join(tmpdir(), 'lab-checks-'));
  let code: number;
  let stdout: string;
  let report: { passed: number; failed: number; labs: { checks: { name: string; passed: boolean; seen: string; expected: string }[]; bundle?: string }[] };

  beforeAll(async () => {
    const file = labFile('dmz', NAME, (t) => t.replace(/\nchecks:[\s\S]*$/, CHECKS));
    expect((await lab(['up', file])).code).toBe(0);
    const r = await lab(['test', NAME, '--json', join(out, 'r.json'), '--junit', join(out, 'r.xml'), '--bundle-dir', join(out, 'bundles')]);
    ({ code, stdout } = r);
    report = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8'));
  });

  const check = (name: string) => report.labs[0]!.checks.find((c) => c.name === name)!;

  it('exits 1 and prints the closing line when a check failed', () => {
    expect(code).toBe(1);
    expect(stdout).toMatch(/^11 passed, 9 failed$/m);
  });

  it('each passing check passes and each failing one fails', () => {
    const passed = report.labs[0]!.checks.filter((c) => c.passed).map((c) => c.name);
    expect(passed).toEqual(['dhcp ok', 'ping ok', 'unreachable ok', 'flow ok', 'flow absent ok', 'trace ok', 'bound ok', 'chassis ok', 'tunnels ok', 'exec ok', 'lab daemons are running']);
  });

  it('dhcp: says which address it expected and which it leased', () => {
    expect(check('dhcp wrong address')).toMatchObject({ passed: false, expected: expect.stringContaining('lease 172.16.255.150/26'), seen: expect.stringContaining('lease 172.16.255.130/26') });
  });

  it('ping: names the address tried and the replies received', () => {
    expect(check('ping nobody').seen).toBe('ping 172.16.255.140: 0/1 replies');
    expect(check('unreachable but answers').seen).toBe('ping 172.16.255.131: 1/1 replies');
  });

  it('flow: a stage with no matching flow, and a flow that should be absent', () => {
    expect(check('flow in wrong stage').seen).toMatch(/^0 of \d+ logical flows in ls_in_dhcp_response match$/);
    expect(check('flow absent but present').seen).toMatch(/hv1: [1-9]\d* OpenFlow flows? \(first, table \d+: controller\(userdata=/);
    expect(check('flow ok').seen).toContain('put_dhcp_opts(offerip = 172.16.255.130');
  });

  it('trace: reports the verdict', () => {
    expect(check('trace ok').seen).toBe('output to dmz-vm2');
    expect(check('trace expects drop')).toMatchObject({ passed: false, expected: 'dropped', seen: 'output to dmz-vm2' });
  });

  it('bound, chassis, tunnels: the chassis that was seen', () => {
    expect(check('bound elsewhere')).toMatchObject({ expected: 'port dmz-vm2 bound to hv1, up', seen: 'port dmz-vm2 bound to hv2, up' });
    expect(check('chassis ok').seen).toBe('hv1 geneve 192.168.100.2, hv2 geneve 192.168.100.3');
    expect(check('tunnels ok').seen).toBe('hv1 → geneve 192.168.100.3; hv2 → geneve 192.168.100.2');
  });

  it('exec: exit code and output', () => {
    expect(check('exec ok').passed).toBe(true);
    expect(check('exec wrong output')).toMatchObject({ passed: false, seen: expect.stringMatching(/^exit 0: default via 172\.16\.255\.129/) });
  });

  it('JUnit: a suite for the lab, a case per check, failures with expected and seen', () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(out, 'r.xml'), 'utf8'));
    const suite = xml.testsuites.testsuite;
    expect(suite['@_name']).toBe(NAME);
    expect(Number(suite['@_tests'])).toBe(20);
    expect(Number(suite['@_failures'])).toBe(9);
    const failed = suite.testcase.find((c: { '@_name': string }) => c['@_name'] === 'dhcp wrong address');
    expect(failed.failure['@_message']).toContain('expected lease 172.16.255.150/26');
    expect(failed.failure['#text']).toContain('seen: lease 172.16.255.130/26');
  });

  it('keeps a failure bundle with NB/SB, flows and logs', () => {
    const bundle = report.labs[0]!.bundle!;
    expect(stdout).toContain(`failure bundle: ${bundle}`);
    for (const f of ['nbctl-show.txt', 'sbctl-show.txt', 'lflow-list.txt', 'hv1-br-int-flows.txt', 'vm1-logs.txt']) expect(existsSync(join(bundle, f))).toBe(true);
    expect(readFileSync(join(bundle, 'lflow-list.txt'), 'utf8')).toContain('put_dhcp_opts');
    expect(readFileSync(join(bundle, 'vm1-logs.txt'), 'utf8')).toContain('DHCPACK');
  });

  it('local: says how many packets went into tunnels', () => {
    expect(check('local to another chassis')).toMatchObject({ passed: false, seen: expect.stringMatching(/^ping 172\.16\.255\.131: 2\/2 replies; tunnel packets sent meanwhile: hv1 [1-9]\d*, hv2 [1-9]\d*$/) });
  });

  it('--only runs just the named checks and a lab already up stays up', async () => {
    const r = await lab(['test', NAME, '--only', 'ping ok', '--only', 'trace ok']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2 passed, 0 failed$/m);
    expect((await lab(['status', NAME])).code).toBe(0);
    const bad = await lab(['test', NAME, '--only', 'no such check']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("has no check named 'no such check'");
  });
});

describeE2E('chassis and tunnels checks fail when a chassis moves its tunnel endpoint', () => {
  const MOVED = 'e2e-moved';
  usesLabs(MOVED);

  it('reports the encap and the tunnel remote it saw', async () => {
    const file = labFile('dmz', MOVED, (t) => t.replace(/\nchecks:[\s\S]*$/, '\nchecks:\n  - { name: chassis ok, kind: chassis, timeout: 2 }\n  - { name: tunnels ok, kind: tunnels, timeout: 2 }\n'));
    expect((await lab(['up', file])).code).toBe(0);
    expect((await lab(['test', MOVED])).code).toBe(0);
    // hv2 now claims another tunnel address than the lab gave it.
    await lab(['vsctl', '--lab', MOVED, 'hv2', '--', 'set', 'Open_vSwitch', '.', 'external_ids:ovn-encap-ip=192.168.100.99']);
    // Wait until the SB database and hv1's tunnel port show the change, so the checks see it.
    const poll = 'for i in $(seq 100); do eval "$1" | grep -q 192.168.100.99 && exit 0; sleep 0.1; done; exit 1';
    expect((await lab(['exec', '--lab', MOVED, 'central', '--', 'sh', '-c', poll, 'poll', 'ovn-sbctl --bare --columns=ip list Encap'])).code).toBe(0);
    expect((await lab(['exec', '--lab', MOVED, 'hv1', '--', 'sh', '-c', poll, 'poll', 'ovs-vsctl --bare --columns=options find Interface type=geneve'])).code).toBe(0);
    const out = mkdtempSync(join(tmpdir(), 'lab-moved-'));
    const r = await lab(['test', MOVED, '--json', join(out, 'r.json')]);
    expect(r.code).toBe(1);
    const [chassis, tunnels] = JSON.parse(readFileSync(join(out, 'r.json'), 'utf8')).labs[0].checks;
    expect(chassis).toMatchObject({ passed: false, expected: 'hv1 geneve 192.168.100.2, hv2 geneve 192.168.100.3', seen: 'hv1 geneve 192.168.100.2, hv2 geneve 192.168.100.99' });
    expect(tunnels).toMatchObject({ passed: false, seen: 'hv1 → geneve 192.168.100.99; hv2 → geneve 192.168.100.2' });
  });
});

describeE2E('lab test FILE: up, checks, down, report', () => {
  const NAME2 = 'e2e-test-dmz';
  usesLabs(NAME2);

  it('passes every check of labs/dmz.yaml, writes JUnit and leaves nothing behind', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lab-junit-'));
    const r = await lab(['test', labFile('dmz', NAME2), '--junit', join(out, 'junit.xml')]);
    expect(r.stdout).toMatch(/^15 passed, 0 failed$/m);
    expect(r.stdout).toMatch(new RegExp(`^lab ${NAME2}: 15 passed, 0 failed \\(up [\\d.]+s, checks [\\d.]+s, down [\\d.]+s, total [\\d.]+s\\)$`, 'm'));
    expect(r.code).toBe(0);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(out, 'junit.xml'), 'utf8'));
    expect(Number(xml.testsuites['@_tests'])).toBe(15);
    expect(Number(xml.testsuites['@_failures'])).toBe(0);
    expect(await leftovers(NAME2)).toEqual([]);
  });

  it('exits 2 on an invalid file, before anything is created', async () => {
    const r = await lab(['test', labFile('dmz', NAME2, (t) => t.replace('kind: tunnels', 'kind: tunnel'))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /:\d+:\d+: unknown kind 'tunnel' \(expected one of: dhcp, ping, flow, trace, bound, chassis, tunnels, local, connect, http, capture, conntrack, group, datapath_flow, daemons, interface, bridge, logical_port, route, log, step, exec, stop, start, cluster, mac_binding, throughput, acl_log, service_monitor, dns, gateway, bfd, mirror, igmp_group, multicast, fdb\)/,
    );
    expect(await leftovers(NAME2)).toEqual([]);
  });
});
