import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../src/ovn/logical-network.js';
import { parseTopology } from '../../src/topology/load.js';
import { editorOf, issues } from './issues.js';

/** A dual-stack lab behind a gateway port, with a provider switch; line numbers are this text's. */
const BASE = `name: t
networks: { physnet: {} }
chassis:
  hv1: { bridge_mappings: { physnet: br-ex } }
switches:
  lan: { subnet: 10.50.0.0/24, subnet6: fd00:50::/64 }
  public: { subnet: 172.16.0.0/24, subnet6: fd00:16::/64, provider: physnet }
routers:
  r1:
    ports: [{ switch: lan, ip: 10.50.0.1, ip6: fd00:50::1 }, { switch: public, ip: 172.16.0.10, ip6: fd00:16::10, gateway_chassis: [hv1] }]
    nat: [{ type: snat, external_ip: 172.16.0.10, logical_ip: 10.50.0.0/24 }]
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.50.0.11 }
`;
const edit = editorOf(BASE);
const argv = (text: string) => logicalNetworkArgv(parseTopology(text, 'f.yaml')).join(' ');

describe('add_nat and add_route steps', () => {
  it('take IPv6 as nat: and routes: do', () => {
    const text = `${BASE}checks:
  - { name: nat6, kind: step, add_nat: { router: r1, type: dnat_and_snat, external_ip: "fd00:16::100", logical_ip: "fd00:50::11" } }
  - { name: route6, kind: step, add_route: { router: r1, prefix: "fd00:99::/64", nexthop: "fd00:16::1" } }
  - { name: unroute6, kind: step, remove_route: { router: r1, prefix: "fd00:99::/64" } }
  - { name: unnat6, kind: step, remove_nat: { router: r1, type: dnat_and_snat, external_ip: "fd00:16::100" } }
`;
    expect(issues(text)).toEqual([]);
  });

  it('refuse families that differ, at the field, saying what was seen', () => {
    expect(issues(`${BASE}checks:\n  - { name: s, kind: step, add_route: { router: r1, prefix: "fd00:99::/64", nexthop: 172.16.0.1 } }\n`)).toEqual([
      "15:86 check 's': '172.16.0.1' is IPv4 but prefix fd00:99::/64 is IPv6: write both in one family",
    ]);
    expect(issues(`${BASE}checks:\n  - { name: s, kind: step, add_nat: { router: r1, type: snat, external_ip: 172.16.0.10, logical_ip: "fd00:50::/64" } }\n`)).toEqual([
      "15:101 check 's': 'fd00:50::/64' is IPv6 but external_ip 172.16.0.10 is IPv4: write both in one family",
    ]);
    expect(issues(`${BASE}checks:\n  - { name: s, kind: step, add_route: { router: r1, prefix: "fd00:99::/64", nexthop: "fd00::zz" } }\n`)).toEqual([
      "15:86 checks.0.add_route.nexthop: expected an address of the same family as prefix, not the text 'fd00::zz'",
    ]);
  });
});

describe('NAT options', () => {
  it('add_route becomes lr-nat-add --add-route', () => {
    const text = edit('logical_ip: 10.50.0.0/24 }', 'logical_ip: 10.50.0.0/24, add_route: true }');
    expect(argv(text)).toContain('-- --add-route lr-nat-add r1 snat 172.16.0.10 10.50.0.0/24');
  });

  it('allowed_ext_ips become an Address_Set of the rule, the NAT row refers to it', () => {
    const text = edit(
      'nat: [{ type: snat, external_ip: 172.16.0.10, logical_ip: 10.50.0.0/24 }]',
      'nat: [{ type: snat, external_ip: 172.16.0.10, logical_ip: 10.50.0.0/24 }, { type: dnat_and_snat, external_ip: 172.16.0.100, logical_ip: 10.50.0.11, allowed_ext_ips: [172.16.0.1, 172.16.0.64/26], gateway_port: r1-public }]',
    );
    expect(argv(text)).toContain(
      '-- --id=@r1_nat1_allowed_ips create Address_Set name=r1_nat1_allowed addresses=["172.16.0.1","172.16.0.64/26"] -- --id=@r1_nat1_allowed_gw get Logical_Router_Port r1-public -- --id=@r1_nat1_allowed create NAT type=dnat_and_snat external_ip="172.16.0.100" logical_ip="10.50.0.11" allowed_ext_ips=@r1_nat1_allowed_ips gateway_port=@r1_nat1_allowed_gw -- add Logical_Router r1 nat @r1_nat1_allowed',
    );
  });

  it('refuse allowed external addresses of the other family, at the address', () => {
    const text = edit('logical_ip: 10.50.0.0/24 }', 'logical_ip: 10.50.0.0/24, allowed_ext_ips: [172.16.0.1, "fd00:16::1"] }');
    expect(issues(text)).toEqual(["11:107 'fd00:16::1' is not an IPv4 address or subnet like the external_ip: an allowed external address is of the rule's family"]);
  });
});

describe('route options', () => {
  const gw = BASE.replace('gateway_chassis: [hv1] }]', '}]\n    chassis: hv1');
  it('ecmp_symmetric_reply becomes lr-route-add --ecmp-symmetric-reply, for each next hop', () => {
    const text = `${gw.replace('nat: [', 'routes: [{ prefix: 0.0.0.0/0, nexthop: [172.16.0.1, 172.16.0.2], ecmp_symmetric_reply: true }]\n    nat: [')}`;
    const a = argv(text);
    expect(a).toContain('-- --ecmp-symmetric-reply lr-route-add r1 0.0.0.0/0 172.16.0.1 -- --ecmp-symmetric-reply lr-route-add r1 0.0.0.0/0 172.16.0.2');
  });

  it('refuse ecmp_symmetric_reply on a router that is not a gateway router', () => {
    const text = edit('nat: [', 'routes: [{ prefix: 0.0.0.0/0, nexthop: [172.16.0.1, 172.16.0.2], ecmp_symmetric_reply: true }]\n    nat: [');
    expect(issues(text)).toEqual(["11:92 ecmp_symmetric_reply works on a gateway router only: give router 'r1' a chassis"]);
  });
});

describe("a provider switch's localnet port and its bridge", () => {
  it('a localnet port named in the file', () => {
    const text = edit('provider: physnet }', 'provider: physnet, localnet_port: ln-public }');
    expect(argv(text)).toContain('-- lsp-add public ln-public -- lsp-set-type ln-public localnet -- lsp-set-addresses ln-public unknown -- lsp-set-options ln-public network_name=physnet');
    expect(argv(BASE)).toContain('-- lsp-add public public-localnet -- lsp-set-type public-localnet localnet');
  });

  it('refuse a localnet port without provider, or with a name a VM has', () => {
    expect(issues(edit('subnet6: fd00:50::/64 }', 'subnet6: fd00:50::/64, localnet_port: ln-lan }'))).toEqual(["6:70 a localnet port is a provider switch's: give switch 'lan' a provider, or drop localnet_port"]);
    expect(issues(edit('provider: physnet }', 'provider: physnet, localnet_port: lan-vm1 }'))).toEqual(["7:93 port name 'lan-vm1' is already VM vm1's; name the localnet port another way"]);
  });

  it('a bridge named br0', () => {
    const lab = parseTopology(edit('physnet: br-ex', 'physnet: br0'), 'f.yaml');
    expect(lab.chassis[0]?.bridgeMappings).toEqual([{ network: 'physnet', bridge: 'br0', iface: 'ph-physnet' }]);
  });

  it.each([
    ['br-int', '4:38 br-int is a bridge lab makes for OVN itself; map the network to another one, like br-ex'],
    ['br-phy', '4:38 br-phy is a bridge lab makes for OVN itself; map the network to another one, like br-ex'],
    ['ovs-system', '4:38 ovs-system is an interface OVS or lab has in every chassis; name the bridge like br-ex or br0'],
    ['genev_sys_6081', '4:38 genev_sys_6081 is an interface OVS or lab has in every chassis; name the bridge like br-ex or br0'],
    ['eth0', '4:38 eth0 is an interface OVS or lab has in every chassis; name the bridge like br-ex or br0'],
    ['ph-physnet', "4:38 names starting ph- are lab's and OVN's ports on bridges (ph-<network>, patch-…); name the bridge like br-ex or br0"],
    ['vm1', '4:38 vm1 is a VM of this file, whose interface is on the chassis; name the bridge like br-ex or br0'],
  ])('refuse a bridge named %s', (bridge, expected) => {
    expect(issues(edit('physnet: br-ex', `physnet: ${bridge}`))).toEqual([expected]);
  });

  it('refuse a bridge name OVS would not take, saying what one looks like', () => {
    expect(issues(edit('physnet: br-ex', 'physnet: Br0'))).toContain('4:38 chassis.hv1.bridge_mappings.physnet: an OVS bridge name like br-ex or br0 (lower-case letters, digits, "-" and "_", at most 15)');
  });
});
