import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv, logicalNetworkTransactions } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';

const BASE = `name: t
chassis: { hv1: {} }
switches:
  sw1:
    subnet: 10.0.1.0/24
    subnet6: fd00:1::/64
    dhcp: {}
    dhcp6: { dns_server: "fd00:1::53" }
  sw2:
    subnet: 10.0.2.0/24
    subnet6: fd00:2::/64
vms:
  vm1: { chassis: hv1, switch: sw1, ip: 10.0.1.10, ip6: "fd00:1::10" }
  vm2: { chassis: hv1, switch: sw2, ip: 10.0.2.10, mac: "02:00:00:00:02:10" }
routers:
  r1:
    options: { dnat_force_snat_ip: 10.0.2.1 }
    ports:
      - { switch: sw1, ip: 10.0.1.1, ip6: "fd00:1::1", ra: dhcpv6_stateful }
      - { switch: sw2, ip: 10.0.2.1, ip6: "fd00:2::1", ra: slaac }
    routes:
      - { prefix: "fd00:99::/64", nexthop: "fd00:2::99" }
    nat:
      - { type: snat, external_ip: "fd00:2::1", logical_ip: "fd00:1::/64" }
`;

const edit = editorOf(BASE);

describe('IPv6: subnet6, dhcp6, ip6, ra', () => {
  it('makes dual-stack ports, router advertisements and a DHCPv6 row in the NB transaction', () => {
    expect(issues(BASE)).toEqual([]);
    const argv = logicalNetworkArgv(parseTopology(BASE, 't.yaml')).join(' ');
    expect(argv).toContain('-- lsp-set-addresses sw1-vm1 02:00:0a:00:01:0a 10.0.1.10 fd00:1::10');
    // vm2 has no ip6: its address is the one SLAAC makes from its MAC.
    expect(argv).toContain('-- lsp-set-addresses sw2-vm2 02:00:00:00:02:10 10.0.2.10 fd00:2::ff:fe00:210');
    expect(argv).toContain('-- lrp-add r1 r1-sw1 06:00:0a:00:01:01 10.0.1.1/24 fd00:1::1/64');
    expect(argv).toContain('-- set Logical_Router_Port r1-sw1 ipv6_ra_configs:address_mode=dhcpv6_stateful');
    expect(argv).toContain('-- set Logical_Router_Port r1-sw2 ipv6_ra_configs:address_mode=slaac');
    expect(argv).toContain('-- --id=@dhcp1 create DHCP_Options cidr="fd00:1::/64" options:server_id="06:00:0a:00:01:01" options:dns_server="{fd00:1::53}"');
    expect(argv).toContain('-- set Logical_Switch_Port sw1-vm1 dhcpv4_options=@dhcp0 -- set Logical_Switch_Port sw1-vm1 dhcpv6_options=@dhcp1');
    expect(argv).not.toContain('sw2-vm2 dhcpv6_options');
    expect(argv).toContain('-- lr-route-add r1 fd00:99::/64 fd00:2::99');
    expect(argv).toContain('-- lr-nat-add r1 snat fd00:2::1 fd00:1::/64');
  });

  it('finds a DHCPv6 row again in a later transaction only through a port without DHCPv4', () => {
    const vms = Array.from({ length: 40 }, (_, i) => `  v${i}: { chassis: hv1, switch: sw1, ip: 10.0.1.${i + 20}, dhcp: ${i % 2 === 0} }`).join('\n');
    const lab = parseTopology(BASE.replace('vms:\n', `vms:\n${vms}\n`), 't.yaml');
    const transactions = logicalNetworkTransactions(lab, 4096).map((t) => t.join(' '));
    expect(transactions.length).toBeGreaterThan(2);
    // v0 takes both rows: no later transaction can get the DHCPv6 row through it; v1 (no DHCPv4) can.
    const v6Rows = transactions.flatMap((t) => [...t.matchAll(/create DHCP_Options cidr="fd00:1::\/64"/g)]);
    expect(v6Rows.length).toBeLessThanOrEqual(2);
    const gets = transactions.slice(1).flatMap((t) => [...t.matchAll(/--id=@dhcp1 get DHCP_Options (\S+)/g)].map((m) => m[1]!));
    expect(gets.length).toBeGreaterThan(0);
    for (const port of gets) expect(Number(/-v(\d+)$/.exec(port)![1]) % 2, `${port} has no DHCPv4`).toBe(1);
  });

  it('takes a switch with no IPv4 at all: ports with only an IPv6 address, MACs that do not collide', () => {
    const text = BASE.replace('vms:\n', `  sw3:\n    subnet6: fd00:3::/64\n  sw4:\n    subnet6: fd00:4::/64\nvms:\n  v3: { chassis: hv1, switch: sw3 }\n  v4: { chassis: hv1, switch: sw4 }\n`).replace(
      '      - { switch: sw2,',
      '      - { switch: sw3, ip6: "fd00:3::1", ra: slaac }\n      - { switch: sw4, ip6: "fd00:4::1", ra: slaac }\n      - { switch: sw2,',
    );
    expect(issues(text)).toEqual([]);
    const lab = parseTopology(text, 't.yaml');
    const [v3, v4] = ['v3', 'v4'].map((n) => lab.vms.find((v) => v.name === n)!);
    expect(v3!.ip).toBeUndefined();
    expect(v3!.mac).not.toBe(v4!.mac);
    expect(v3!.ipv6).toMatchObject({ mode: 'slaac', prefix: 64 });
    const argv = logicalNetworkArgv(lab).join(' ');
    expect(argv).toContain(`-- lsp-set-addresses sw3-v3 ${v3!.mac} ${v3!.ipv6!.ip} `);
    expect(argv).toMatch(/-- lrp-add r1 r1-sw3 06:01:[0-9a-f:]{11} fd00:3::1\/64 /);
    expect(argv).not.toContain('undefined');
  });

  it.each([
    [
      'a switch with no subnet at all',
      edit('  sw2:\n    subnet: 10.0.2.0/24\n    subnet6: fd00:2::/64\n', '  sw2: {}\n'),
      "9:3 switch 'sw2' has no subnet: give it subnet (IPv4, like 10.0.0.0/24), subnet6 (IPv6, like fd00:10::/64) or both",
    ],
    ['an IPv4 address on an IPv6-only switch', edit('    subnet: 10.0.2.0/24\n', ''), "13:41 switch 'sw2' is IPv6 only: drop ip (the VM's IPv6 address is ip6, or the one SLAAC makes)"],
    ['a VM without ip on a dual-stack switch', edit('switch: sw2, ip: 10.0.2.10, ', 'switch: sw2, '), "14:32 switch 'sw2' has an IPv4 subnet (10.0.2.0/24): give the VM an ip in it"],
    ['an IPv6 address outside its subnet', edit('ip6: "fd00:1::10" }', 'ip6: "fd00:9::10" }'), "13:57 fd00:9::10 is outside the subnet6 fd00:1::/64 of switch 'sw1'"],
    [
      'an RA mode on an IPv4-only switch',
      edit('    subnet6: fd00:2::/64\n', '')
        .replace(' ip6: "fd00:2::1",', '')
        .replace(/ {4}routes:\n.*\n/, ''),
      "19:42 switch 'sw2' is IPv4 only and router advertisements are IPv6: give it a subnet6 (like fd00:10::/64) and this port an ip6, or drop ra",
    ],
    ['ra without ip6 on the port', edit('ip: 10.0.2.1, ip6: "fd00:2::1", ra: slaac }', 'ip: 10.0.2.1, ra: slaac }'), "20:42 router advertisements come from the port's IPv6 address: give this port an ip6 in fd00:2::/64"],
    [
      'a SLAAC VM with an address SLAAC would not make',
      edit('mac: "02:00:00:00:02:10" }', 'mac: "02:00:00:00:02:10", ip6: "fd00:2::5" }'),
      '14:83 with ra slaac the VM makes its own address from its MAC: fd00:2::ff:fe00:210; drop ip6 or write that',
    ],
    ['dhcpv6_stateful without dhcp6', edit('    dhcp6: { dns_server: "fd00:1::53" }\n', ''), "18:60 dhcpv6_stateful tells VMs to ask DHCPv6 for their address: give switch 'sw1' a dhcp6 section"],
    ['a malformed IPv6 address', edit('ip6: "fd00:1::10" }', 'ip6: "fd00:1::10::1" }'), "13:57 vms.vm1.ip6: 'fd00:1::10::1' is not an IPv6 address like fd00:10::5"],
    ['an IPv6 route to an IPv4 next hop', edit('nexthop: "fd00:2::99" }', 'nexthop: 10.0.2.99 }'), "22:44 '10.0.2.99' is not an IPv6 address, as the prefix fd00:99::/64 needs"],
    [
      'a route to a next hop on no subnet of the router',
      edit('nexthop: "fd00:2::99" }', 'nexthop: "fd00:7::99" }'),
      "22:44 next hop fd00:7::99 is on none of the subnets of router 'r1' (fd00:1::/64, fd00:2::/64): OVN would have no port to send it from",
    ],
    ['NAT mixing families', edit('logical_ip: "fd00:1::/64" }', 'logical_ip: 10.0.1.0/24 }'), "24:61 '10.0.1.0/24' is neither an IPv6 address nor an IPv6 subnet, as the IPv6 external_ip needs (like fd00:50::/64)"],
    ['a bad value of a common router option', edit('dnat_force_snat_ip: 10.0.2.1 }', 'dnat_force_snat_ip: yes }'), "17:36 dnat_force_snat_ip takes an address (one IPv4 and/or one IPv6, space-separated), not 'yes'"],
    ['the chassis as an option', edit('dnat_force_snat_ip: 10.0.2.1 }', 'chassis: hv1 }'), "17:25 write the gateway router's chassis as the router's own 'chassis:' key, not as an option"],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    // Some mistakes bring a consequence with them (a router port left without its subnet).
    expect(issues(text)).toEqual(expect.arrayContaining([expected]));
  });
});

describe('IPv6 fields sit where the core had them (the reference, lab schema and the lab record read as before)', () => {
  const LAB = `name: t
chassis: { hv1: { bridge_mappings: { phys: br-ex } } }
networks: { phys: {} }
switches:
  ext: { subnet: 172.16.0.0/24, subnet6: "fd00:9::/64", provider: phys }
  sw1: { subnet: 10.0.1.0/24, subnet6: "fd00:1::/64", dhcp6: {} }
  sw1b: { subnet: 10.0.3.0/24, on: sw1 }
vms:
  vm1: { chassis: hv1, switch: sw1, ip: 10.0.1.10, ip6: "fd00:1::10", port_security: true }
hosts:
  h1: { network: phys, ip: 172.16.0.5, ip6: "fd00:9::5", gateway6: "fd00:9::1" }
  h2: { network: phys, ip: 172.16.0.6, gateway: 172.16.0.1, ip6: "fd00:9::6" }
routers:
  r1:
    ports:
      - { switch: sw1, ip: 10.0.1.1, ip6: "fd00:1::1", ra: dhcpv6_stateful }
`;

  it("places a switch's subnet6 and dhcp6 before on, a VM's ipv6 after its routing, a host's ip6 after its gateway", () => {
    const lab = parseTopology(LAB, 't.yaml');
    expect(lab.switches.map((s) => Object.keys(s))).toEqual([
      ['name', 'subnet', 'provider', 'subnet6'],
      ['name', 'subnet', 'subnet6', 'dhcp6'],
      ['name', 'subnet', 'on'],
    ]);
    expect(Object.keys(lab.vms[0]!)).toEqual(['name', 'chassis', 'switch', 'port', 'mac', 'ip', 'prefix', 'dhcp', 'mtu', 'servers', 'routes', 'forwarding', 'ipv6', 'portSecurity', 'gateway', 'vlans']);
    // Port security (true) holds every address of the port, the IPv6 one too.
    expect(lab.vms[0]!.portSecurity).toEqual(['02:00:0a:00:01:0a 10.0.1.10 fd00:1::10']);
    expect(lab.hosts.map((h) => Object.keys(h))).toEqual([
      ['name', 'network', 'ip', 'prefix', 'mac', 'dhcp', 'ip6', 'prefix6', 'gateway6', 'servers', 'routes', 'forwarding'],
      ['name', 'network', 'ip', 'prefix', 'mac', 'dhcp', 'gateway', 'ip6', 'prefix6', 'servers', 'routes', 'forwarding'],
    ]);
  });

  it('refuses IPv6 on one more subnet of a switch (on:), at the field', () => {
    const text = LAB.replace('sw1b: { subnet: 10.0.3.0/24, on: sw1 }', 'sw1b: { subnet: 10.0.3.0/24, on: sw1, subnet6: "fd00:3::/64" }');
    expect(issues(text)).toEqual(["7:50 subnet6 belongs to the logical switch as a whole: write it on 'sw1'"]);
  });
});
