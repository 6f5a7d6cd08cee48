import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeE2E, lab, labFile, usesLabs } from './helpers.js';

const NAME = 'e2e-observe';

/** The kinds that look inside nodes, OVS and the NB database: for each, one that passes and one that fails for the right reason. */
const CHECKS = `
checks:
  - { name: mtu ok, kind: interface, node: vm1, mtu: 1400, addresses: [172.16.255.130/26] }
  - { name: mtu wrong, kind: interface, node: vm1, mtu: 1500, timeout: 1 }
  - { name: tunnel port ok, kind: bridge, chassis: hv1, bridge: br-int, port: "ovn-*", type: geneve, options: { csum: "true", remote_ip: 192.168.100.3 } }
  - { name: tunnel port to nowhere, kind: bridge, chassis: hv1, bridge: br-int, port: "ovn-*", options: { remote_ip: 192.168.100.9 }, timeout: 1 }
  - { name: vm port ok, kind: logical_port, port: dmz-vm1, switch: dmz, type: "", addresses: "02:ac:10:ff:01:30 172.16.255.130" }
  - { name: vm port is no localport, kind: logical_port, port: dmz-vm1, type: localport, timeout: 1 }
  - { name: default route ok, kind: route, node: vm1, to: default, via: 172.16.255.129 }
  - { name: no default route, kind: route, node: vm1, to: default, expect: absent, timeout: 1 }
  - { name: dhclient log ok, kind: log, node: vm1, file: dhclient.log, match: DHCPACK }
  - { name: no DHCPNAK, kind: log, node: vm1, file: dhclient.log, match: DHCPACK, expect: absent, timeout: 1 }
  - { name: ttl ok, kind: ping, from: vm1, to: vm2, count: 1, ttl: 64 }
  - { name: ttl wrong, kind: ping, from: vm1, to: vm2, count: 1, ttl: 63, timeout: 1 }
  - { name: OVN answers, kind: dhcp, vm: vm2, expect: none, timeout: 1 }
  - { name: bound by port, kind: bound, port: dmz-vm2, chassis: hv2 }
`;

describeE2E('check kinds that look inside: interface, bridge, logical_port, route, log, ping ttl, dhcp none, bound port', () => {
  usesLabs(NAME);
  let checks: { name: string; passed: boolean; seen: string }[];

  beforeAll(async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lab-observe-')), 'r.json');
    const r = await lab(['test', labFile('dmz', NAME, (t) => t.replace(/\nchecks:[\s\S]*$/, CHECKS)), '--json', out]);
    expect(r.code).toBe(1);
    checks = JSON.parse(readFileSync(out, 'utf8')).labs[0].checks;
  });
  const check = (name: string) => checks.find((c) => c.name === name)!;

  it('each passing check passes and each failing one fails', () => {
    expect(checks.filter((c) => c.passed).map((c) => c.name)).toEqual(['mtu ok', 'tunnel port ok', 'vm port ok', 'default route ok', 'dhclient log ok', 'ttl ok', 'bound by port', 'lab daemons are running']);
  });

  it('says what it saw', () => {
    expect(check('mtu wrong').seen).toBe('vm1 eth0 up, mtu 1400, mac 02:ac:10:ff:01:30, 172.16.255.130/26');
    expect(check('tunnel port to nowhere').seen).toBe('ovn-hv2-0 (geneve: csum=true key=flow remote_ip=192.168.100.3)');
    expect(check('vm port is no localport').seen).toBe('port dmz-vm1, on dmz, type "", addresses 02:ac:10:ff:01:30 172.16.255.130');
    expect(check('no default route').seen).toMatch(/^vm1: default via 172\.16\.255\.129 dev eth0/);
    expect(check('no DHCPNAK').seen).toMatch(/^1 matching line \(first: .*DHCPACK/);
    expect(check('ttl wrong').seen).toBe('ping 172.16.255.131: 1/1 replies with ttl 64');
    expect(check('OVN answers').seen).toBe("a DHCP server answered vm2's request on eth0");
  });
});
