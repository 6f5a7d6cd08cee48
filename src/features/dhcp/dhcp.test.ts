import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';

const BASE = `name: t
chassis: { hv1: {} }
switches:
  lan: { subnet: 10.60.0.0/24, dhcp: { lease_time: 600, dns_server: 192.0.2.53, options: { domain_name: '"lab"' } } }
  dmz: { subnet: 10.61.0.0/24, dhcp: {} }
routers:
  r1: { ports: [{ switch: lan, ip: 10.60.0.1 }] }
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.60.0.11 }
  vm2: { chassis: hv1, switch: dmz, ip: 10.61.0.12 }
`;

const edit = editorOf(BASE);

describe("OVN's native DHCPv4 in the file", () => {
  it("answers from the switch's router, else from the subnet's first address, with the options as OVN takes them", () => {
    const lab = parseTopology(BASE, 't.yaml');
    const options = Object.fromEntries(lab.switches.map((s) => [s.name, s.dhcp?.options]));
    // The server's MAC is made from its address (02 then the four bytes), unless written.
    expect(options.lan).toEqual({ server_id: '10.60.0.1', server_mac: '02:00:0a:3c:00:01', lease_time: '600', router: '10.60.0.1', dns_server: '{192.0.2.53}', domain_name: '"lab"' });
    expect(options.dmz).toMatchObject({ server_id: '10.61.0.1', lease_time: '3600' });
    expect(options.dmz).not.toHaveProperty('router');
    // The DHCP_Options row is made in the transaction of the first port that uses it.
    const nb = logicalNetworkArgv(lab).join(' ');
    expect(nb).toContain('--id=@dhcp0 create DHCP_Options cidr=10.60.0.0/24 options:server_id="10.60.0.1" options:server_mac="02:00:0a:3c:00:01" options:lease_time="600"');
    expect(nb).toContain('set Logical_Switch_Port lan-vm1 dhcpv4_options=@dhcp0');
  });

  it('keeps its keys in the lab right after the subnet, as the lab record has them', () => {
    const lan = parseTopology(BASE, 't.yaml').switches.find((s) => s.name === 'lan');
    expect(Object.keys(lan ?? {})).toEqual(['name', 'subnet', 'dhcp']);
  });

  it.each([
    [
      'DHCP on a switch without an IPv4 subnet',
      edit('dmz: { subnet: 10.61.0.0/24, dhcp: {} }', 'dmz: { subnet6: fd00:61::/64, dhcp: {} }').replace('ip: 10.61.0.12', 'ip6: fd00:61::12'),
      "5:39 dhcp serves IPv4: switch 'dmz' has no subnet (for IPv6, use dhcp6)",
    ],
    ['a server outside the subnet', edit('dhcp: {} }', 'dhcp: { server_id: 10.99.0.1 } }'), '5:51 10.99.0.1 is outside the switch subnet 10.61.0.0/24'],
    ['a DNS server that is no address', edit('dns_server: 192.0.2.53', 'dns_server: 192.0.2'), expect.stringMatching(/^4:\d+ /)],
    ['an option that is a field of its own', edit(`domain_name: '"lab"'`, 'mtu: 1400'), '4:92 mtu is a field of dhcp itself, checked there: write dhcp: { mtu: … } rather than passing it through options'],
    ['an option value that adds options', edit(`'"lab"'`, `'"x", router=6.6.6.6'`), expect.stringMatching(/^4:\d+ '"x", router=6\.6\.6\.6' is not one option value/)],
    ['a VM on the DHCP server address', edit('ip: 10.61.0.12', 'ip: 10.61.0.1'), "10:41 10.61.0.1 is already used by the DHCP server of switch 'dmz'"],
  ])('refuses %s, where it is written', (_what, text, message) => {
    expect(issues(text)).toEqual([message]);
  });
});
