import { describe, expect, it } from 'vitest';
import { editorOf, issues } from './issues.js';
import { DUAL_STACK_LAB, nbLine } from './dual-stack-lab.js';

const BASE = DUAL_STACK_LAB;
const edit = editorOf(BASE);
const argv = nbLine;

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
