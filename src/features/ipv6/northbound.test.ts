import { describe, expect, it } from 'vitest';
import { logicalNetworkTransactions } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';

/** Dual stack with DHCPv4 and DHCPv6 on one switch: vm1 and vm3 take both rows, vm2 (static IPv4) only DHCPv6. */
const LAB = `name: t
chassis: { hv1: {} }
switches:
  lan: { subnet: 10.64.0.0/24, subnet6: fd00:64::/64, dhcp: {}, dhcp6: {} }
routers:
  r1:
    ports:
      - { switch: lan, ip: 10.64.0.1, ip6: fd00:64::1, ra: dhcpv6_stateful }
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.64.0.11 }
  vm2: { chassis: hv1, switch: lan, ip: 10.64.0.12, dhcp: false }
  vm3: { chassis: hv1, switch: lan, ip: 10.64.0.13 }
`;

describe('DHCPv6 rows in the NB transactions', () => {
  it("numbers them after the DHCPv4 rows, and each port refers to its switch's rows", () => {
    const [only] = logicalNetworkTransactions(parseTopology(LAB, 't.yaml'), Infinity);
    const text = only?.join(' ') ?? '';
    expect(text).toContain('--id=@dhcp0 create DHCP_Options cidr=10.64.0.0/24');
    expect(text).toContain('--id=@dhcp1 create DHCP_Options cidr="fd00:64::/64"');
    expect(text).toContain('set Logical_Switch_Port lan-vm1 dhcpv4_options=@dhcp0 -- set Logical_Switch_Port lan-vm1 dhcpv6_options=@dhcp1');
    expect(text).toContain('lsp-set-addresses lan-vm2 02:00:0a:40:00:0c 10.64.0.12 fd00:64::');
    expect(text).not.toContain('lan-vm2 dhcpv4_options');
  });

  it('finds a row again in a later transaction only through a port that leads to it: the DHCPv6 row through vm2, which has no DHCPv4 row', () => {
    // One port per transaction: every later one must find the rows the first ports made.
    const txns = logicalNetworkTransactions(parseTopology(LAB, 't.yaml'), 1).map((t) => t.join(' '));
    const vm3 = txns.find((t) => t.includes('lsp-add lan lan-vm3')) ?? '';
    expect(vm3).toContain('--id=@dhcp0 get DHCP_Options lan-vm1');
    expect(vm3).toContain('--id=@dhcp1 get DHCP_Options lan-vm2');
    // vm2's transaction had no port to find the DHCPv6 row through (vm1 leads to its DHCPv4 row), so it made an identical one.
    const vm2 = txns.find((t) => t.includes('lsp-add lan lan-vm2')) ?? '';
    expect(vm2).toContain('--id=@dhcp1 create DHCP_Options cidr="fd00:64::/64"');
    expect(txns.join(' ').match(/create DHCP_Options/g)).toHaveLength(3);
  });
});
