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
    ['a service named like a localport instance', `${BASE}services:\n  meta-hv1: { kind: dnsmasq, chassis: hv1, switch: public, ip: 172.16.0.3 }\n`,
      "22:3 its instance on hv1 would be named 'meta-hv1', which is already used by services.meta-hv1; rename one of them"],
    ['a host named like a VM', edit('  ext1: {', '  vm1: {'), "20:3 the name 'vm1' is already used by vms.vm1; node names must be unique"],
    ['a multicast underlay', edit('subnet: 192.168.100.0/24', 'subnet: 224.0.0.0/24'),
      '2:21 224.0.0.0/24 overlaps multicast (224.0.0.0/4), where nodes cannot have addresses; use a private subnet like 192.168.100.0/24'],
    ['a loopback underlay', edit('subnet: 192.168.100.0/24', 'subnet: 127.0.0.0/24'), expect.stringMatching(/^2:21 127.0.0.0\/24 overlaps loopback/)],
    ['the whole address space as underlay', edit('subnet: 192.168.100.0/24', 'subnet: 0.0.0.0/0'), expect.stringMatching(/^2:21 0.0.0.0\/0 overlaps 'this network'/)],
    ['the whole address space as a switch subnet', edit('subnet: 172.16.0.0/24', 'subnet: 0.0.0.0/0'),
      "11:21 0.0.0.0/0 overlaps 'this network' (0.0.0.0/8), where ports cannot have addresses; use a private subnet like 10.0.0.0/24"],
    ['a VM MAC of all zeros', edit('ip: 10.50.0.11 }', 'ip: 10.50.0.11, mac: "00:00:00:00:00:00" }'),
      '17:58 vms.vm1.mac: 00:00:00:00:00:00 is not a MAC a port can have; use one like 02:ac:10:ff:01:30'],
    ['a multicast MAC on a host', edit('ip: 172.16.0.1 }', 'ip: 172.16.0.1, mac: "01:00:5e:00:00:01" }'),
      '20:50 hosts.ext1.mac: 01:00:5e:00:00:01 is a multicast MAC; the first byte must be even (like 02:…)'],
    ['a multicast DHCP server_mac', edit('dhcp: { router: 10.50.0.1,', 'dhcp: { router: 10.50.0.1, server_mac: "03:00:00:00:00:01",'),
      expect.stringMatching(/^10:44 switches.lan.dhcp.server_mac: 03:00:00:00:00:01 is a multicast MAC/)],
    ['a multicast router port MAC', edit('ip: 10.50.0.1 }, {', 'ip: 10.50.0.1, mac: "ff:ff:ff:ff:ff:ff" }, {'),
      expect.stringMatching(/^14:48 routers.r1.ports.0.mac: ff:ff:ff:ff:ff:ff is a multicast MAC/)],
    ['a NAT logical_ip with a prefix over 32', edit('logical_ip: 10.50.0.0/24', 'logical_ip: 10.50.0.0/99'),
      "15:63 '10.50.0.0/99' is neither an IPv4 address nor a subnet (network address/prefix up to 32, like 10.50.0.0/24)"],
    ['a DHCP option value that adds options', edit(`domain_name: '"lab"'`, `domain_name: '"x", lease_time=1'`),
      expect.stringMatching(/^10:56 '"x", lease_time=1' is not one option value \(OVN would read the rest as more options\)/)],
    ['a DHCP option name that is not one', edit('domain_name:', '"domain name":'), expect.stringMatching(/^10:43 switches.lan.dhcp.options.domain name: bad name: an OVN DHCP option name/)],
    ['an address taken by a service and a localport', `${BASE}services:\n  dhcp1: { kind: dnsmasq, chassis: hv1, switch: public, ip: 172.16.0.2 }\n  dhcp2: { kind: dnsmasq, chassis: hv2, switch: public, ip: 172.16.0.2 }\n`,
      '25:61 172.16.0.2 is already used by services.dhcp1'],
    ['a localport on a router address', edit('meta: { switch: lan, ip: 10.50.0.2 }', 'meta: { switch: lan, ip: 10.50.0.1 }'), '22:28 10.50.0.1 is already used by routers.r1'],
    ['a VM on a provider switch whose chassis does not map the network', edit('vm2: { chassis: hv2, switch: lan, ip: 10.50.0.12 }', 'vm2: { chassis: hv2, switch: public, ip: 172.16.0.12 }'),
      "18:32 switch 'public' is on provider network 'physnet', which chassis hv2 does not map; add bridge_mappings: { physnet: br-ex } to chassis hv2"],
    ['an address with a leading zero', edit('ip: 10.50.0.11 }', 'ip: 10.050.0.11 }'),
      '17:41 vms.vm1.ip: 10.050.0.11 has a number with a leading zero, which some tools read as octal; write it without'],
    ['an unknown YAML tag', edit('ip: 10.50.0.11 }', 'ip: !secret 10.50.0.11 }'), expect.stringMatching(/^17:41 YAML: Unresolved tag: !secret/)],
    ['a port name with shell characters', edit('ip: 10.50.0.11 }', 'ip: 10.50.0.11, port: "p1; rm -rf /" }'), expect.stringMatching(/^17:59 vms.vm1.port: a port name of letters/)],
    ['a port name with a quote', edit('ip: 10.50.0.11 }', `ip: 10.50.0.11, port: 'a"b' }`), expect.stringMatching(/^17:59 vms.vm1.port: a port name/)],
    ['a port name with a newline', edit('ip: 10.50.0.11 }', 'ip: 10.50.0.11, port: "a\\nb" }'), expect.stringMatching(/^17:59 vms.vm1.port: a port name/)],
    ['a lab name with a path in it', edit('name: t', 'name: ../../var/backups'), expect.stringMatching(/^1:7 name: a lab name starts with a letter/)],
    ['ssl that is not true or false', `${BASE}central: { ssl: yes }\n`, "23:17 central.ssl: expected true or false, not the text 'yes'"],
    ['an empty lab name', edit('name: t', "name: ''"), expect.stringMatching(/^1:7 name: a lab name starts with a letter/)],
  ])('%s', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it('an alias bomb is refused at its first alias, not expanded', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    expect(issues(`${bomb.join('\n')}\n${BASE}`)).toEqual([expect.stringMatching(/^2:8 YAML: aliases here expand to too much data/)]);
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
