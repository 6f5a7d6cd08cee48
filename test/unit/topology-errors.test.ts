import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../src/topology/load.js';
import { TopologyError } from '../../src/topology/topology-error.js';

const GOOD = `name: t
chassis:
  hv1: {}
  hv2: {}
switches:
  dmz:
    subnet: 172.16.255.128/26
    dhcp:
      router: 172.16.255.129
vms:
  vm1:
    chassis: hv1
    switch: dmz
    mac: 02:ac:10:ff:01:30
    ip: 172.16.255.130
`;

/** Replaces one line (1-based) of GOOD and returns the issues as "line:col message". */
function issuesFor(text: string): string[] {
  try {
    parseTopology(text, 'f.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(TopologyError);
    return (e as TopologyError).issues.map((i) => `${i.line}:${i.column} ${i.message}`);
  }
  return [];
}

function withLine(line: number, replacement: string): string {
  const lines = GOOD.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

describe('topology errors name file, line, column and what was expected', () => {
  it('accepts the base file', () => {
    expect(issuesFor(GOOD)).toEqual([]);
  });

  it('unknown key, with the keys that are allowed', () => {
    expect(issuesFor(withLine(12, '    chasis: hv1'))).toEqual([
      "11:3 missing key 'chassis' in vms.vm1",
      "12:5 unknown key 'chasis' in vms.vm1 (expected one of: chassis, switch, ip, ip6, mac, dhcp, port, mtu, vlans, port_security, addresses, nics, servers, routes, forwarding)",
    ]);
  });

  it('unknown top-level key', () => {
    expect(issuesFor(`${GOOD}routerz: {}\n`)).toEqual([expect.stringMatching(/^16:1 unknown key 'routerz' in the top level \(expected one of: name, runtime, .*\)$/)]);
  });

  it('IPv4 syntax', () => {
    expect(issuesFor(withLine(15, '    ip: 172.16.255'))).toEqual(['15:9 vms.vm1.ip: an IPv4 address like 172.16.255.130']);
  });

  it('octet out of range', () => {
    expect(issuesFor(withLine(15, '    ip: 172.16.255.300'))).toEqual(["15:9 '172.16.255.300' is not an IPv4 address"]);
  });

  it('MAC syntax', () => {
    expect(issuesFor(withLine(14, '    mac: 02:ac:10:ff:01'))).toEqual(['14:10 vms.vm1.mac: a MAC address like 02:ac:10:ff:01:30']);
  });

  it('address outside the switch subnet', () => {
    expect(issuesFor(withLine(15, '    ip: 172.16.255.10'))).toEqual(["15:9 172.16.255.10 is outside the subnet 172.16.255.128/26 of switch 'dmz'"]);
  });

  it('subnet that is not a network address', () => {
    expect(issuesFor(withLine(7, '    subnet: 172.16.255.130/26'))).toEqual(["7:13 '172.16.255.130/26' is not a subnet: write the network address and prefix, like 172.16.255.128/26"]);
  });

  it('unknown chassis and unknown switch list what exists', () => {
    expect(issuesFor(withLine(13, '    switch: web').replace('chassis: hv1\n    switch', 'chassis: hv3\n    switch'))).toEqual([
      "12:14 unknown chassis 'hv3' (chassis in this file: hv1, hv2)",
      "13:13 unknown switch 'web' (switches in this file: dmz)",
    ]);
  });

  it('duplicate address and MAC between VMs', () => {
    const text = `${GOOD}  vm2:\n    chassis: hv2\n    switch: dmz\n    mac: 02:AC:10:ff:01:30\n    ip: 172.16.255.130\n`;
    expect(issuesFor(text)).toEqual(['19:10 MAC 02:ac:10:ff:01:30 is already used by vms.vm1.mac', '20:9 172.16.255.130 is already used by vms.vm1.ip']);
  });

  it('VM address taken by the DHCP server / router', () => {
    expect(issuesFor(withLine(15, '    ip: 172.16.255.129'))).toEqual([expect.stringMatching(/^15:9 172.16.255.129 is already used by the (router|DHCP server) of switch 'dmz'$/)]);
  });

  it('names iproute2 would read as keywords', () => {
    expect(issuesFor(withLine(4, '  br: {}'))).toEqual(["4:3 'br' would be read by iproute2 as the keyword 'broadcast'; choose another name"]);
    expect(issuesFor(withLine(11, '  dev:'))).toEqual(["11:3 'dev' would be read by iproute2 as the keyword 'dev'; choose another name"]);
  });

  it('names too long for Linux interfaces', () => {
    expect(issuesFor(withLine(3, '  hypervisor-number-one: {}'))).toEqual([
      '3:3 chassis.hypervisor-number-one: bad name: at most 15 characters (Linux interface names are derived from it)',
      "12:14 unknown chassis 'hv1' (chassis in this file: hv2)", // the renamed line took hv1 away
    ]);
  });

  it('schema and relation problems in one run; none that only come from an entry the schema refused', () => {
    const text = GOOD.replace('    mac: 02:ac:10:ff:01:30\n', '    mac: 02:ac:10:ff:01:30\n    mtu: big\n') + '  vm2:\n    chassis: hv7\n    switch: dmz\n    ip: 172.16.255.131\n';
    expect(issuesFor(text)).toEqual(["15:10 vms.vm1.mtu: expected a number, not the text 'big'", "18:14 unknown chassis 'hv7' (chassis in this file: hv1, hv2)"]);
  });

  it('the same name for a chassis and a VM', () => {
    expect(issuesFor(withLine(11, '  hv2:'))).toEqual(["11:3 the name 'hv2' is already used by chassis.hv2; node names must be unique"]);
  });

  it('reserved interface names', () => {
    expect(issuesFor(withLine(11, '  br-int:'))).toEqual(["11:3 'br-int' is an interface name lab uses inside nodes; choose another name"]);
  });

  it('dhcp asked for on a switch without DHCP', () => {
    const text = GOOD.replace('    dhcp:\n      router: 172.16.255.129\n', '') + '    dhcp: true\n';
    expect(issuesFor(text)).toEqual(["14:11 switch 'dmz' has no dhcp section and no dnsmasq service; add one or set dhcp: false"]);
  });

  it('duplicate YAML keys', () => {
    expect(issuesFor(withLine(4, '  hv1: {}'))).toEqual([expect.stringMatching(/^4:3 YAML: Map keys must be unique/)]);
  });

  it('YAML syntax errors', () => {
    expect(issuesFor(withLine(7, '    subnet: [172.16'))).toEqual([expect.stringMatching(/^\d+:\d+ YAML: /)]);
  });

  it('wrong type and bad enum value', () => {
    expect(issuesFor(`${GOOD.replace('name: t', 'name: t\nruntime: vm')}`)).toEqual(["2:10 runtime: expected one of netns, docker, not the text 'vm'"]);
  });

  it('a lab without chassis', () => {
    expect(issuesFor('name: t\nchassis: {}\n')).toEqual(['2:10 a lab needs at least one chassis']);
  });
});

describe('checks are validated with positions too', () => {
  const withChecks = (checks: string) => `${GOOD}checks:\n${checks}`;

  it('unknown kind lists the kinds', () => {
    expect(issuesFor(withChecks('  - name: a\n    kind: pong\n'))).toEqual([
      "18:11 unknown kind 'pong' (expected one of: dhcp, ping, flow, trace, bound, chassis, tunnels, local, connect, http, capture, conntrack, group, datapath_flow, daemons, interface, bridge, logical_port, route, log, step, exec, stop, start, cluster, mac_binding, throughput, acl_log, service_monitor, dns, gateway, bfd, mirror, igmp_group, multicast, fdb)",
    ]);
  });

  it("unknown key of a kind lists that kind's keys", () => {
    expect(issuesFor(withChecks('  - name: a\n    kind: ping\n    from: vm1\n    to: vm1\n    cnt: 3\n'))).toEqual([
      "21:5 unknown key 'cnt' in checks.0 (expected one of: name, kind, timeout, ovn, from, to, count, family, expect, ttl, size)",
    ]);
  });

  it('references to nodes that do not exist, and duplicate names', () => {
    expect(issuesFor(withChecks('  - { name: a, kind: dhcp, vm: vm9 }\n  - { name: a, kind: ping, from: vm1, to: web }\n'))).toEqual([
      "17:32 check 'a': unknown VM 'vm9' (VMs in this lab: vm1)",
      "18:13 check name 'a' is already used by checks.0",
      "18:43 check 'a': 'web' is neither a VM, host or namespace with an address in this lab (vm1) nor an IPv4 or IPv6 address",
    ]);
  });
});
