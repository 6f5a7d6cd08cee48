import { describe, expect, it } from 'vitest';
import { labGraph } from '../../graph/model.js';
import { toMermaid } from '../../graph/render.js';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';
import { gatewayPorts } from './resolve.js';

const BASE = `name: t
networks: { physnet1: {} }
chassis:
  hv1: { bridge_mappings: { physnet1: br-ex } }
  hv2: { bridge_mappings: { physnet1: br-ex } }
  hv3: {}
switches:
  net: { subnet: 10.64.1.0/24 }
  public: { subnet: 172.16.64.0/24, provider: physnet1 }
routers:
  r1:
    ports:
      - { switch: net, ip: 10.64.1.1 }
      - { switch: public, ip: 172.16.64.10, gateway_chassis: [hv1, hv2] }
  r2:
    ports:
      - { switch: public, ip: 172.16.64.20 }
ha_chassis_groups:
  edge:
    chassis: { hv1: 20, hv2: 30 }
    ports: [r2-public]
bfd: { min_rx: 300, mult: 5 }
`;

const edit = editorOf(BASE);

describe('HA chassis groups and BFD timers in the file', () => {
  it('resolves a group to its chassis by priority, highest first, and the BFD timers to NB_Global options', () => {
    expect(issues(BASE)).toEqual([]);
    const lab = parseTopology(BASE, 't.yaml');
    expect(lab.haChassisGroups).toEqual([
      {
        name: 'edge',
        chassis: [
          { name: 'hv2', priority: 30 },
          { name: 'hv1', priority: 20 },
        ],
        ports: ['r2-public'],
      },
    ]);
    expect(lab.bfd).toEqual({ 'bfd-min-rx': '300', 'bfd-mult': '5' });
    expect(gatewayPorts(lab)).toEqual(
      new Map([
        ['r1-public', ['hv1', 'hv2']],
        ['r2-public', ['hv2', 'hv1']],
      ]),
    );
  });

  it('writes the group, its HA_Chassis rows and the port pointing at it in one unit, after the routers; the timers in NB_Global', () => {
    const argv = logicalNetworkArgv(parseTopology(BASE, 't.yaml')).join(' ');
    expect(argv).toContain(
      '-- --id=@ha_edge_0 create HA_Chassis chassis_name="hv2" priority=30 -- --id=@ha_edge_1 create HA_Chassis chassis_name="hv1" priority=20 -- --id=@ha_edge create HA_Chassis_Group name="edge" ha_chassis=[@ha_edge_0,@ha_edge_1] -- set Logical_Router_Port r2-public ha_chassis_group=@ha_edge',
    );
    expect(argv).toContain('-- set NB_Global . options:bfd-min-rx="300" options:bfd-mult="5"');
    expect(argv.indexOf('create HA_Chassis_Group')).toBeGreaterThan(argv.indexOf('lrp-add r2 r2-public'));
  });

  it('a lab without them has neither field and writes neither', () => {
    const lab = parseTopology(BASE.slice(0, BASE.indexOf('ha_chassis_groups:')), 't.yaml');
    expect('haChassisGroups' in lab || 'bfd' in lab).toBe(false);
    expect(logicalNetworkArgv(lab).join(' ')).not.toMatch(/HA_Chassis_Group|NB_Global/);
  });

  it.each([
    ['an unknown chassis', edit('{ hv1: 20, hv2: 30 }', '{ hv1: 20, hv9: 30 }'), "20:30 unknown chassis 'hv9' (chassis in this file: hv1, hv2, hv3)"],
    ['two chassis of one priority', edit('{ hv1: 20, hv2: 30 }', '{ hv1: 20, hv2: 20 }'), "20:30 priority 20 is also hv1's: give each chassis its own, or which one is active is OVN's choice"],
    [
      'a chassis without the provider network',
      edit('{ hv1: 20, hv2: 30 }', '{ hv1: 20, hv3: 30 }'),
      "20:30 chassis hv3 has no bridge mapping for network 'physnet1' (the provider network of r2-public's switch public), so it cannot be that port's gateway",
    ],
    ['an unknown port', edit('ports: [r2-public]', 'ports: [r2-net]'), "21:13 unknown router port 'r2-net' (router ports in this file: r1-net, r1-public, r2-public)"],
    ['a port with gateway_chassis', edit('ports: [r2-public]', 'ports: [r1-public]'), "21:13 router port 'r1-public' has gateway_chassis already: a gateway port takes one of gateway_chassis and an HA chassis group"],
    ['a priority out of range', edit('{ hv1: 20, hv2: 30 }', '{ hv1: 20, hv2: 40000 }'), expect.stringMatching(/^20:30 ha_chassis_groups.edge.chassis.hv2: .*32767/)],
    ['an unknown BFD timer', edit('bfd: { min_rx: 300, mult: 5 }', 'bfd: { min_rx: 300, interval: 5 }'), expect.stringMatching(/^22:21 unknown key 'interval' in bfd/)],
  ])('refuses %s, at its place', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it('refuses a port in two groups', () => {
    const text = BASE.replace('bfd:', '  other:\n    chassis: { hv1: 5 }\n    ports: [r2-public]\nbfd:');
    expect(issues(text)).toEqual(["24:13 router port 'r2-public' is in HA chassis group 'edge' already: a port has one group"]);
  });

  it('draws each group with its chassis by priority, tied to the router of its port', () => {
    const g = labGraph(parseTopology(BASE, 't.yaml'));
    expect(g.nodes.find((n) => n.id === 'portgroup_ha_edge')?.label).toEqual(['HA chassis group edge', 'hv2 (30) > hv1 (20)']);
    expect(toMermaid(g)).toContain('portgroup_ha_edge -.-|ha_chassis_group of r2-public| router_r2');
  });
});

describe('the gateway and bfd checks', () => {
  const withChecks = (...checks: string[]) => `${BASE}checks:\n${checks.map((c) => `  - ${c}\n`).join('')}`;

  it('accept gateway ports of either kind, their chassis, and BFD between two chassis', () => {
    const lab = parseTopology(
      withChecks('{ name: a, kind: gateway, port: r1-public, chassis: hv2, ha_chassis: [hv1, hv2] }', '{ name: b, kind: gateway, port: r2-public, chassis: hv1 }', '{ name: c, kind: bfd, chassis: hv3, peer: hv1, state: down }'),
      't.yaml',
    );
    expect(lab.checks.map((c) => c.kind)).toEqual(['gateway', 'gateway', 'bfd']);
  });

  it.each([
    [
      'a port that is no gateway port',
      '{ name: a, kind: gateway, port: r1-net, chassis: hv1 }',
      "24:37 check 'a': 'r1-net' is not a gateway port of this lab (gateway ports: r1-public, r2-public): give it gateway_chassis or an HA chassis group",
    ],
    ['a chassis the port cannot be on', '{ name: a, kind: gateway, port: r1-public, chassis: hv3 }', "24:57 check 'a': r1-public can only be on its gateway chassis: hv1, hv2"],
    ['an unknown chassis', '{ name: a, kind: gateway, port: r1-public, chassis: hv9 }', "24:57 check 'a': unknown chassis 'hv9' (chassis in this lab: hv1, hv2, hv3)"],
    ['an unknown HA chassis', '{ name: a, kind: gateway, port: r1-public, chassis: hv1, ha_chassis: [hv1, hv7] }', "24:80 check 'a': unknown chassis 'hv7' (chassis in this lab: hv1, hv2, hv3)"],
    ['BFD to itself', '{ name: a, kind: bfd, chassis: hv1, peer: hv1 }', "24:47 check 'a': a chassis has no tunnel to itself: name another chassis"],
    ['failing an unknown chassis', '{ name: a, kind: step, fail_chassis: hv4 }', "24:42 check 'a': unknown chassis 'hv4' (chassis in this lab: hv1, hv2, hv3)"],
    ['recovering central', '{ name: a, kind: step, recover_chassis: central }', "24:45 check 'a': unknown chassis 'central' (chassis in this lab: hv1, hv2, hv3)"],
    ['ovs-vswitchd on central', '{ name: a, kind: step, kill: { daemon: ovs-vswitchd, node: central } }', "24:64 check 'a': ovs-vswitchd runs on chassis: hv1, hv2, hv3"],
    ['BFD to an unknown peer', '{ name: a, kind: bfd, chassis: hv1, peer: hv8 }', "24:47 check 'a': unknown chassis 'hv8' (chassis in this lab: hv1, hv2, hv3)"],
  ])('refuse %s, at the field', (_what, check, expected) => {
    expect(issues(withChecks(check))).toEqual([expected]);
  });
});
