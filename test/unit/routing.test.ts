import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../src/ovn/logical-network.js';
import { parseTopology } from '../../src/topology/load.js';
import { editorOf, issues } from './issues.js';

const BASE = `name: t
chassis: { hv1: {}, hv2: {} }
switches:
  sw1: { subnet: 10.0.1.0/24 }
  join: { subnet: 100.64.0.0/24 }
vms:
  vm1: { chassis: hv1, switch: sw1, ip: 10.0.1.10 }
routers:
  r1:
    options: { always_learn_from_arp_request: false }
    ports:
      - { switch: sw1, ip: 10.0.1.1 }
      - { switch: join, ip: 100.64.0.1, name: lrp0, switch_port: lrp0-attachment }
    routes:
      - { prefix: 10.0.1.0/24, policy: src-ip, nexthop: 100.64.0.2 }
      - { prefix: 0.0.0.0/0, nexthop: [100.64.0.2, 100.64.0.3], port: lrp0 }
    policies:
      - { priority: 100, match: "ip4.dst == 8.8.8.8", action: drop }
      - { priority: 90, match: "ip4.src == 10.0.1.0/24", action: reroute, nexthops: [100.64.0.3] }
    nat:
      - { type: dnat_and_snat, external_ip: 100.64.0.100, logical_ip: 10.0.1.10, vm: vm1, external_mac: "0a:00:00:00:00:64", gateway_port: lrp0 }
  gw1:
    chassis: hv1
    ports: [{ switch: join, ip: 100.64.0.2, name: gw1-join }]
`;

const edit = editorOf(BASE);

describe('routing: gateway routers, routes, policies, NAT, port names', () => {
  it('makes them in the NB transaction', () => {
    expect(issues(BASE)).toEqual([]);
    const argv = logicalNetworkArgv(parseTopology(BASE, 't.yaml')).join(' ');
    expect(argv).toContain('-- lr-add r1 -- set Logical_Router r1 options:always_learn_from_arp_request="false"');
    expect(argv).toContain('-- lrp-add r1 lrp0 06:00:64:40:00:01 100.64.0.1/24 -- lsp-add join lrp0-attachment');
    expect(argv).toContain('-- lsp-set-options lrp0-attachment router-port=lrp0');
    expect(argv).toContain('-- --policy=src-ip lr-route-add r1 10.0.1.0/24 100.64.0.2');
    expect(argv).toContain('-- --ecmp lr-route-add r1 0.0.0.0/0 100.64.0.2 lrp0 -- --ecmp lr-route-add r1 0.0.0.0/0 100.64.0.3 lrp0');
    expect(argv).toContain('-- lr-policy-add r1 100 ip4.dst == 8.8.8.8 drop -- lr-policy-add r1 90 ip4.src == 10.0.1.0/24 reroute 100.64.0.3');
    expect(argv).toContain('-- --gateway-port=lrp0 lr-nat-add r1 dnat_and_snat 100.64.0.100 10.0.1.10 sw1-vm1 0a:00:00:00:00:64');
    expect(argv).toContain('-- lr-add gw1 -- set Logical_Router gw1 options:chassis="hv1"');
  });

  it.each([
    ['a gateway router on an unknown chassis', edit('    chassis: hv1\n', '    chassis: hv9\n'), "23:14 unknown chassis 'hv9' (chassis in this file: hv1, hv2)"],
    [
      'a gateway router with a gateway port',
      edit('ip: 100.64.0.2, name: gw1-join }', 'ip: 100.64.0.2, name: gw1-join, gateway_chassis: [hv2] }'),
      '23:14 a gateway router (chassis) runs whole on one chassis: its ports take no gateway_chassis',
    ],
    [
      'a src-ip route to a next hop on none of its subnets',
      edit('policy: src-ip, nexthop: 100.64.0.2 }', 'policy: src-ip, nexthop: 192.0.2.1 }'),
      "15:57 next hop 192.0.2.1 is on none of the subnets of router 'r1' (10.0.1.0/24, 100.64.0.0/24): OVN would have no port to send it from",
    ],
    ['a route out of an unknown port', edit('100.64.0.3], port: lrp0 }', '100.64.0.3], port: lrp9 }'), "16:71 router 'r1' has no port 'lrp9' (its ports: r1-sw1, lrp0)"],
    ['reroute without nexthops', edit('action: reroute, nexthops: [100.64.0.3] }', 'action: reroute }'), '19:66 reroute needs nexthops'],
    ['nexthops with drop', edit('action: drop }', 'action: drop, nexthops: [100.64.0.3] }'), '18:79 nexthops go with action reroute, not drop'],
    ['external_mac without vm', edit('vm: vm1, external_mac', 'external_mac'), "21:96 external_mac goes with vm (a distributed floating IP answers with it on the VM's chassis)"],
    ['a port name taken twice', edit('name: gw1-join }', 'name: lrp0 }'), expect.stringMatching(/^24:51 port name 'lrp0' \(made for this router port\) is already used/)],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });
});
