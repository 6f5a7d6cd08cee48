import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../src/ovn/logical-network.js';
import { parseTopology } from '../../src/topology/load.js';
import { editorOf, issues } from './issues.js';

/** A lab with one of everything the table below breaks; line numbers are this text's. */
const BASE = `name: t
underlay: { subnet: 192.168.100.0/24 }
networks: { physnet: {} }
chassis:
  hv1: { bridge_mappings: { physnet: br-ex } }
  hv2: {}
switches:
  lan:
    subnet: 10.50.0.0/24
    dhcp: { router: 10.50.0.1, options: { domain_name: '"lab"' } }
  public: { subnet: 172.16.0.0/24, provider: physnet }
routers:
  r1:
    ports: [{ switch: lan, ip: 10.50.0.1 }, { switch: public, ip: 172.16.0.10, gateway_chassis: [hv1] }]
    nat: [{ type: snat, external_ip: 172.16.0.10, logical_ip: 10.50.0.0/24 }]
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.50.0.11 }
  vm2: { chassis: hv2, switch: lan, ip: 10.50.0.12 }
hosts:
  ext1: { network: physnet, ip: 172.16.0.1 }
localports:
  meta: { switch: lan, ip: 10.50.0.2 }
`;

/** BASE with `from` replaced by `to` (which must occur once). */
const edit = editorOf(BASE);

describe('inputs refused before anything is made, each at its line and column', () => {
  it('accepts the base file', () => {
    expect(issues(BASE)).toEqual([]);
  });

  it.each([
    [
      'a service named like a localport instance',
      `${BASE}services:\n  meta-hv1: { kind: dnsmasq, chassis: hv1, switch: public, ip: 172.16.0.3 }\n`,
      "22:3 its instance on hv1 would be named 'meta-hv1', which is already used by services.meta-hv1; rename one of them",
    ],
    ['a host named like a VM', edit('  ext1: {', '  vm1: {'), "20:3 the name 'vm1' is already used by vms.vm1; node names must be unique"],
    ['a multicast underlay', edit('subnet: 192.168.100.0/24', 'subnet: 224.0.0.0/24'), '2:21 224.0.0.0/24 overlaps multicast (224.0.0.0/4), where nodes cannot have addresses; use a private subnet like 192.168.100.0/24'],
    ['a loopback underlay', edit('subnet: 192.168.100.0/24', 'subnet: 127.0.0.0/24'), expect.stringMatching(/^2:21 127.0.0.0\/24 overlaps loopback/)],
    ['the whole address space as underlay', edit('subnet: 192.168.100.0/24', 'subnet: 0.0.0.0/0'), expect.stringMatching(/^2:21 0.0.0.0\/0 overlaps 'this network'/)],
    ['the whole address space as a switch subnet', edit('subnet: 172.16.0.0/24', 'subnet: 0.0.0.0/0'), "11:21 0.0.0.0/0 overlaps 'this network' (0.0.0.0/8), where ports cannot have addresses; use a private subnet like 10.0.0.0/24"],
    ['a VM MAC of all zeros', edit('ip: 10.50.0.11 }', 'ip: 10.50.0.11, mac: "00:00:00:00:00:00" }'), '17:58 vms.vm1.mac: 00:00:00:00:00:00 is not a MAC a port can have; use one like 02:ac:10:ff:01:30'],
    ['a multicast MAC on a host', edit('ip: 172.16.0.1 }', 'ip: 172.16.0.1, mac: "01:00:5e:00:00:01" }'), '20:50 hosts.ext1.mac: 01:00:5e:00:00:01 is a multicast MAC; the first byte must be even (like 02:…)'],
    ['a multicast DHCP server_mac', edit('dhcp: { router: 10.50.0.1,', 'dhcp: { router: 10.50.0.1, server_mac: "03:00:00:00:00:01",'), expect.stringMatching(/^10:44 switches.lan.dhcp.server_mac: 03:00:00:00:00:01 is a multicast MAC/)],
    ['a multicast router port MAC', edit('ip: 10.50.0.1 }, {', 'ip: 10.50.0.1, mac: "ff:ff:ff:ff:ff:ff" }, {'), expect.stringMatching(/^14:48 routers.r1.ports.0.mac: ff:ff:ff:ff:ff:ff is a multicast MAC/)],
    ['a NAT logical_ip with a prefix over 32', edit('logical_ip: 10.50.0.0/24', 'logical_ip: 10.50.0.0/99'), "15:63 '10.50.0.0/99' is neither an IPv4 address nor a subnet (network address/prefix up to 32, like 10.50.0.0/24)"],
    ['a DHCP option value that adds options', edit(`domain_name: '"lab"'`, `domain_name: '"x", lease_time=1'`), expect.stringMatching(/^10:56 '"x", lease_time=1' is not one option value \(OVN would read the rest as more options\)/)],
    ['a DHCP option name that is not one', edit('domain_name:', '"domain name":'), expect.stringMatching(/^10:43 switches.lan.dhcp.options.domain name: bad name: an OVN DHCP option name/)],
    [
      'an address taken by a service and a localport',
      `${BASE}services:\n  dhcp1: { kind: dnsmasq, chassis: hv1, switch: public, ip: 172.16.0.2 }\n  dhcp2: { kind: dnsmasq, chassis: hv2, switch: public, ip: 172.16.0.2 }\n`,
      '25:61 172.16.0.2 is already used by services.dhcp1',
    ],
    ['a localport on a router address', edit('meta: { switch: lan, ip: 10.50.0.2 }', 'meta: { switch: lan, ip: 10.50.0.1 }'), '22:28 10.50.0.1 is already used by routers.r1'],
    [
      'a VM on a provider switch whose chassis does not map the network',
      edit('vm2: { chassis: hv2, switch: lan, ip: 10.50.0.12 }', 'vm2: { chassis: hv2, switch: public, ip: 172.16.0.12 }'),
      "18:32 switch 'public' is on provider network 'physnet', which chassis hv2 does not map; add bridge_mappings: { physnet: br-ex } to chassis hv2",
    ],
    ['an address with a leading zero', edit('ip: 10.50.0.11 }', 'ip: 10.050.0.11 }'), '17:41 vms.vm1.ip: 10.050.0.11 has a number with a leading zero, which some tools read as octal; write it without'],
    ['an unknown YAML tag', edit('ip: 10.50.0.11 }', 'ip: !secret 10.50.0.11 }'), expect.stringMatching(/^17:41 YAML: Unresolved tag: !secret/)],
    ['a port name with shell characters', edit('ip: 10.50.0.11 }', 'ip: 10.50.0.11, port: "p1; rm -rf /" }'), expect.stringMatching(/^17:59 vms.vm1.port: a port name of letters/)],
    ['a port name with a quote', edit('ip: 10.50.0.11 }', `ip: 10.50.0.11, port: 'a"b' }`), expect.stringMatching(/^17:59 vms.vm1.port: a port name/)],
    ['a port name with a newline', edit('ip: 10.50.0.11 }', 'ip: 10.50.0.11, port: "a\\nb" }'), expect.stringMatching(/^17:59 vms.vm1.port: a port name/)],
    ['a lab name with a path in it', edit('name: t', 'name: ../../var/backups'), expect.stringMatching(/^1:7 name: a lab name starts with a letter/)],
    ['ssl that is not true or false', `${BASE}central: { ssl: yes }\n`, "23:17 central.ssl: expected true or false, not the text 'yes'"],
    ['an empty lab name', edit('name: t', "name: ''"), expect.stringMatching(/^1:7 name: a lab name starts with a letter/)],
    ['a lease time of 0, said as what it must be (more than 0, not "at least 0")', edit('dhcp: { router: 10.50.0.1,', 'dhcp: { router: 10.50.0.1, lease_time: 0,'), '10:44 switches.lan.dhcp.lease_time: 0 is too small: more than 0'],
    [
      'a check name with a terminal escape (reports print it)',
      `${BASE}checks: [{ name: "ok\\u001b[1A passed", kind: ping, from: vm1, to: vm2 }]\n`,
      '23:18 checks.0.name: a check name of printable characters (no newline, tab, escape or bidi mark)',
    ],
    ['a check name with a newline', `${BASE}checks: [{ name: "a\\nb", kind: ping, from: vm1, to: vm2 }]\n`, expect.stringMatching(/^23:18 checks.0.name: a check name of printable/)],
    [
      'an alias before its anchor (was called an alias bomb)',
      edit('ip: 10.50.0.11 }', 'ip: *addr }').replace('localports:', 'x: &addr 10.50.0.11\nlocalports:'),
      '17:41 YAML: alias *addr has no anchor &addr before it; define the anchor first, or write the value out',
    ],
  ])('%s', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it('an alias bomb is refused at its first alias, not expanded', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      );
    expect(issues(`${bomb.join('\n')}\n${BASE}`)).toEqual([expect.stringMatching(/^2:8 YAML: aliases here expand to too much data/)]);
  });
});

/** BASE with a load balancer on lan (its VIP at line 24) balancing to `backends`. */
const withVip = (vip: string, backends = '[vm1, vm2]') => `${BASE}load_balancers:\n  web: { vips: { "${vip}": ${backends} }, switches: [lan] }\n`;
/** BASE with one more route of router r1 (at line 15). */
const withRoute = (route: string) => edit('    nat: [', `    routes: [${route}]\n    nat: [`);

describe('inputs that passed validate and failed in up (or ran wrong) are refused at their line and column', () => {
  it.each([
    [
      'the whole IPv6 space as a subnet6',
      edit('    subnet: 10.50.0.0/24\n', '    subnet: 10.50.0.0/24\n    subnet6: "::/0"\n'),
      '10:14 ::/0 overlaps the unspecified address (::/128), where ports cannot have addresses; use a unique local subnet like fd00:10::/64',
    ],
    [
      'a multicast subnet6',
      edit('    subnet: 10.50.0.0/24\n', '    subnet: 10.50.0.0/24\n    subnet6: ff00::/8\n'),
      '10:14 ff00::/8 overlaps multicast (ff00::/8), where ports cannot have addresses; use a unique local subnet like fd00:10::/64',
    ],
    ['a link-local subnet6', edit('    subnet: 10.50.0.0/24\n', '    subnet: 10.50.0.0/24\n    subnet6: fe80::/64\n'), expect.stringMatching(/^10:14 fe80::\/64 overlaps link-local \(fe80::\/10\), where ports cannot have addresses/)],
    ['a loopback subnet6', edit('    subnet: 10.50.0.0/24\n', '    subnet: 10.50.0.0/24\n    subnet6: ::1/128\n'), expect.stringMatching(/^10:14 ::1\/128 overlaps loopback \(::1\/128\)/)],
    ['an IPv4-mapped subnet6', edit('    subnet: 10.50.0.0/24\n', '    subnet: 10.50.0.0/24\n    subnet6: "::ffff:0:0/96"\n'), expect.stringMatching(/^10:14 ::ffff:0:0\/96 overlaps IPv4-mapped addresses/)],
    ['a backend port 0', withVip('10.50.0.100:80', '[vm1:0, vm2]'), "24:37 port 0 of backend 'vm1:0' is outside 1-65535"],
    ['a backend port over 65535', withVip('10.50.0.100:80', '[vm1, 10.50.0.13:65536]'), "24:42 port 65536 of backend '10.50.0.13:65536' is outside 1-65535"],
    ['a VIP port 0', withVip('10.50.0.100:0'), '24:18 port 0 is outside 1-65535'],
    ["a VIP on a VM's own address", withVip('10.50.0.11:80', '[vm2]'), '24:18 10.50.0.11 is already the address of vms.vm1.ip; a VIP needs an address no port has, or OVN answers for it instead of that port'],
    ["a VIP on a localport's address", withVip('10.50.0.2', '[vm1, vm2]'), expect.stringMatching(/^24:18 10.50.0.2 is already the address of localports.meta; a VIP needs/)],
    ["a VIP on a host's address", withVip('172.16.0.1:80'), expect.stringMatching(/^24:18 172.16.0.1 is already the address of hosts.ext1; a VIP needs/)],
    ['a multicast VIP', withVip('224.0.0.5:80'), '24:18 224.0.0.5 is in multicast (224.0.0.0/4), which no VIP can be: use an unused address of a lab subnet or a subnet of its own'],
    ['a loopback backend', withVip('10.50.0.100:80', '[vm1, 127.0.0.1:80]'), '24:42 127.0.0.1 is in loopback (127.0.0.0/8), which no backend can be: name a VM or host, or give the address of one'],
    ['a NAT address in loopback', edit('external_ip: 172.16.0.10, logical_ip', 'external_ip: 127.0.0.1, logical_ip'), expect.stringMatching(/^15:38 127.0.0.1 is in loopback \(127.0.0.0\/8\), which no NAT address can be/)],
    [
      'a link address in loopback',
      `${BASE}namespaces: { ext: {} }\nlinks: [{ endpoints: [vm1:eth1, ext:eth0], addresses: [127.0.0.2/8, null] }]\n`,
      '24:56 127.0.0.0/8 overlaps loopback (127.0.0.0/8), where interfaces cannot have addresses; use a private subnet like 10.99.0.0/24',
    ],
    ['a route to loopback', withRoute('{ prefix: 127.0.0.0/8, nexthop: 172.16.0.1 }'), '15:24 a route to 127.0.0.0/8 goes into loopback (127.0.0.0/8), where no router forwards; route a subnet of the lab or beyond it'],
    ['a route to multicast', withRoute('{ prefix: 239.1.0.0/16, nexthop: 172.16.0.1 }'), expect.stringMatching(/^15:24 a route to 239.1.0.0\/16 goes into multicast \(224.0.0.0\/4\)/)],
    ["a route to 'this network'", withRoute('{ prefix: 0.0.0.0/8, nexthop: 172.16.0.1 }'), expect.stringMatching(/^15:24 a route to 0.0.0.0\/8 goes into 'this network'/)],
    ["a VM's own route to loopback", edit('ip: 10.50.0.11 }', 'ip: 10.50.0.11, routes: [{ to: 127.0.0.0/8, via: 10.50.0.1 }] }'), expect.stringMatching(/^17:68 a route to 127.0.0.0\/8 goes into loopback/)],
    ['a lease time over 32 bits', edit('dhcp: { router: 10.50.0.1,', 'dhcp: { router: 10.50.0.1, lease_time: 4294967296,'), '10:44 switches.lan.dhcp.lease_time: 4294967296 is too big: at most 4294967295'],
    [
      'a lease time through options',
      edit('options: { domain_name: \'"lab"\' }', 'options: { lease_time: 99999999999 }'),
      '10:43 lease_time is a field of dhcp itself, checked there: write dhcp: { lease_time: … } rather than passing it through options',
    ],
    ['a router through options', edit('options: { domain_name: \'"lab"\' }', 'options: { router: 10.50.0.99 }'), expect.stringMatching(/^10:43 router is a field of dhcp itself/)],
    ['a dnsmasq lease time over 32 bits', `${BASE}services:\n  dhcp1: { kind: dnsmasq, chassis: hv1, switch: public, ip: 172.16.0.2, lease_time: 5000000000 }\n`, '24:85 services.dhcp1.lease_time: 5000000000 is too big: at most 4294967295'],
    ['an http check to port 0', `${BASE}checks:\n  - { name: web, kind: http, from: vm1, to: "10.50.0.12:0", backends: [vm2] }\n`, "24:45 check 'web': port 0 is outside 1-65535"],
    ['a trace to port 99999', `${BASE}checks:\n  - { name: t, kind: trace, from: vm1, to: vm2, proto: "tcp:99999" }\n`, "24:56 check 't': port 99999 is outside 1-65535"],
    [
      'a step adding a route to loopback',
      `${BASE}checks:\n  - { name: s, kind: step, add_route: { router: r1, prefix: 127.0.0.0/8, nexthop: 10.50.0.12 } }\n`,
      expect.stringMatching(/^24:61 check 's': a route to 127.0.0.0\/8 goes into loopback/),
    ],
    [
      'a set of an unknown router port',
      `${BASE}checks:\n  - { name: s, kind: step, set: { table: Logical_Router_Port, record: r9-lan, column: mac, value: '0a:00:00:00:01:01' } }\n`,
      expect.stringMatching(/^24:71 check 's': unknown router port 'r9-lan' \(.*r1-lan, r1-public\)$/),
    ],
    [
      'a set of NB_Global with a record',
      `${BASE}checks:\n  - { name: s, kind: step, set: { table: NB_Global, record: x, column: options, key: default_acl_drop, value: true } }\n`,
      "24:61 check 's': NB_Global has one row: leave out record",
    ],
    ['a set of a map column without its key', `${BASE}checks:\n  - { name: s, kind: step, set: { table: Logical_Router, record: r1, column: options, value: 1 } }\n`, "24:78 check 's': options is a map: say which key"],
    [
      'a set of a column a step does not set',
      `${BASE}checks:\n  - { name: s, kind: step, set: { table: Logical_Switch, record: lan, column: ports, value: x } }\n`,
      "24:79 check 's': Logical_Switch columns a step sets: other_config, external_ids",
    ],
    [
      'a set with both value and remove',
      `${BASE}checks:\n  - { name: s, kind: step, set: { table: NB_Global, column: options, key: k, value: 1, remove: true } }\n`,
      expect.stringMatching(/^24:\d+ check 's': give exactly one of: value, remove: true$/),
    ],
    ['a flush of an unknown chassis', `${BASE}checks:\n  - { name: s, kind: step, flush_conntrack: { chassis: hv9 } }\n`, "24:56 check 's': unknown chassis 'hv9' (chassis in this lab: hv1, hv2)"],
  ])('%s', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it.each([
    ['the default route', withRoute('{ prefix: 0.0.0.0/0, nexthop: 172.16.0.99 }')],
    ['half the address space (a route that overrides the default)', withRoute('{ prefix: 0.0.0.0/1, nexthop: 172.16.0.99 }')],
    ['an infinite lease', edit('dhcp: { router: 10.50.0.1,', 'dhcp: { router: 10.50.0.1, lease_time: 4294967295,')],
    ["a VIP on the router's address (OVN balances a gateway router's own address)", withVip('10.50.0.1:80')],
    ['a link-local gateway6', edit('    subnet: 10.50.0.0/24\n', '    subnet: 10.50.0.0/24\n    subnet6: fd00:50::/64\n')],
  ])('still accepts %s', (_what, text) => {
    expect(issues(text)).toEqual([]);
  });

  it('an IPv6 route to link-local or multicast is refused; the IPv6 default route is not', () => {
    const v6 = (prefix: string) => `name: t
chassis: { hv1: {} }
switches: { lan: { subnet6: fd00:50::/64 } }
routers:
  r1:
    ports: [{ switch: lan, ip6: fd00:50::1 }]
    routes: [{ prefix: "${prefix}", nexthop: fd00:50::99 }]
`;
    expect(issues(v6('::/0'))).toEqual([]);
    expect(issues(v6('fe80::/64'))).toEqual(['7:24 a route to fe80::/64 goes into link-local (fe80::/10), where no router forwards; route a subnet of the lab or beyond it']);
    expect(issues(v6('ff02::/16'))).toEqual([expect.stringMatching(/^7:24 a route to ff02::\/16 goes into multicast \(ff00::\/8\)/)]);
  });
});

describe('switch names that differ only in - and _ keep their own DHCP options', () => {
  it('s-1 and s_1 get distinct row ids in the NB transaction', () => {
    const lab = parseTopology(
      `name: t
chassis: { hv1: {} }
switches:
  s-1: { subnet: 10.1.0.0/24, dhcp: {} }
  s_1: { subnet: 10.2.0.0/24, dhcp: {} }
vms:
  vma: { chassis: hv1, switch: s-1, ip: 10.1.0.10 }
  vmb: { chassis: hv1, switch: s_1, ip: 10.2.0.10 }
`,
      't.yaml',
    );
    const argv = logicalNetworkArgv(lab).join(' ');
    expect(argv).toContain('--id=@dhcp0 create DHCP_Options cidr=10.1.0.0/24');
    expect(argv).toContain('--id=@dhcp1 create DHCP_Options cidr=10.2.0.0/24');
    expect(argv).toContain('set Logical_Switch_Port s-1-vma dhcpv4_options=@dhcp0');
    expect(argv).toContain('set Logical_Switch_Port s_1-vmb dhcpv4_options=@dhcp1');
  });
});
