import { describe, expect, it } from 'vitest';
import { labGraph } from '../../graph/model.js';
import { toMermaid } from '../../graph/render.js';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';
import { steps } from './multicast.up.js';

const BASE = `name: t
chassis: { hv1: {}, hv2: {} }
switches:
  lan: { subnet: 10.86.0.0/24 }
  more: { subnet: 10.87.0.0/24, on: lan }
  other: { subnet: 10.88.0.0/24 }
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.86.0.11 }
  vm2: { chassis: hv1, switch: lan, ip: 10.86.0.12 }
  vm3: { chassis: hv2, switch: more, ip: 10.87.0.13 }
  vm4: { chassis: hv2, switch: other, ip: 10.88.0.14 }
multicast:
  lan:
    querier: true
    eth_src: 0a:00:00:86:00:fe
    ip4_src: 10.86.0.254
    idle_timeout: 60
    groups:
      239.1.1.1: [vm2, vm3]
  other:
    flood_unregistered: true
`;

const edit = editorOf(BASE);

describe('multicast snooping in the file', () => {
  it('accepts snooping switches and resolves their other_config, OVN defaults left to OVN', () => {
    expect(issues(BASE)).toEqual([]);
    expect(parseTopology(BASE, 't.yaml').multicast).toEqual([
      {
        switch: 'lan',
        otherConfig: { mcast_snoop: 'true', mcast_querier: 'true', mcast_idle_timeout: '60', mcast_eth_src: '0a:00:00:86:00:fe', mcast_ip4_src: '10.86.0.254' },
        groups: [{ group: '239.1.1.1', members: ['vm2', 'vm3'] }],
      },
      { switch: 'other', otherConfig: { mcast_snoop: 'true', mcast_flood_unregistered: 'true' }, groups: [] },
    ]);
  });

  it.each([
    ['an unknown switch', edit('  other:\n    flood', '  wan:\n    flood'), "20:3 unknown switch 'wan' (switches in this file: lan, more, other)"],
    ['one more subnet of a switch', edit('  other:\n    flood', '  more:\n    flood'), "20:3 'more' is one more subnet of switch 'lan': snooping is the logical switch's, write it under 'lan'"],
    ['a querier without its source addresses', edit('    eth_src: 0a:00:00:86:00:fe\n', ''), '14:5 a querier needs eth_src and ip4_src (the source of its queries): OVN sends no IGMP query without them'],
    ['settings with snoop off', edit('flood_unregistered: true', 'flood_unregistered: true\n    snoop: false'), '22:5 the other mcast_ settings apply only with snoop: true'],
    ['a unicast group', edit('239.1.1.1:', '10.1.1.1:'), '19:7 10.1.1.1 is not a multicast group address: give one in 224.0.0.0/4, like 239.1.1.1'],
    ['a link-local group', edit('239.1.1.1:', '224.0.0.251:'), '19:7 224.0.0.251 is link-local multicast (224.0.0.0/24), which OVN floods to every port without snooping: give a group like 239.1.1.1'],
    ['an unknown member', edit('[vm2, vm3]', '[vm2, vm9]'), "19:24 unknown VM 'vm9' (VMs in this file: vm1, vm2, vm3, vm4)"],
    ['a member of another switch', edit('[vm2, vm3]', '[vm2, vm4]'), "19:24 vm4 is on switch 'other', not 'lan': a VM joins groups on its own switch"],
    ['a member twice', edit('[vm2, vm3]', '[vm2, vm2]'), '19:24 vm2 is listed twice'],
    ['an idle timeout OVN refuses', edit('idle_timeout: 60', 'idle_timeout: 5'), expect.stringMatching(/^17:19 multicast.lan.idle_timeout: .*15/)],
    ['a bad MAC', edit('0a:00:00:86:00:fe', '0b:00:00:86:00:fe'), expect.stringMatching(/^15:14 .*multicast MAC/)],
    ['an unknown key', edit('idle_timeout: 60', 'idle_timeout: 60\n    mcast_snoop: true'), expect.stringMatching(/^18:5 unknown key 'mcast_snoop'/)],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it("sets each snooping switch's other_config in the NB transaction, after the switches and before their ports", () => {
    const argv = logicalNetworkArgv(parseTopology(BASE, 't.yaml')).join(' ');
    expect(argv).toContain(
      '-- set Logical_Switch lan other_config:mcast_snoop="true" other_config:mcast_querier="true" other_config:mcast_idle_timeout="60" other_config:mcast_eth_src="0a:00:00:86:00:fe" other_config:mcast_ip4_src="10.86.0.254"',
    );
    expect(argv).toContain('-- set Logical_Switch other other_config:mcast_snoop="true" other_config:mcast_flood_unregistered="true"');
    expect(argv.indexOf('set Logical_Switch lan')).toBeGreaterThan(argv.indexOf('ls-add other'));
    expect(argv.indexOf('set Logical_Switch lan')).toBeLessThan(argv.indexOf('lsp-add lan lan-vm1'));
  });

  it('a lab without snooping has no multicast field, and writes and draws none', () => {
    const lab = parseTopology(BASE.slice(0, BASE.indexOf('multicast:')), 't.yaml');
    expect('multicast' in lab).toBe(false);
    expect(logicalNetworkArgv(lab).join(' ')).not.toContain('mcast');
    expect(toMermaid(labGraph(lab))).not.toContain('snooping');
  });
});

describe('the step of up', () => {
  it('joins the groups once VMs have their addresses, and only in a lab with groups', () => {
    const [step] = steps(parseTopology(BASE, 't.yaml'));
    expect(step).toMatchObject({ id: 'multicast', after: 'addresses', title: 'multicast: vm2 joins 239.1.1.1, vm3 joins 239.1.1.1' });
    expect(steps(parseTopology(edit('    groups:\n      239.1.1.1: [vm2, vm3]\n', ''), 't.yaml'))).toEqual([false]);
  });
});

describe('lab graph', () => {
  it("draws each snooping switch's settings, tied to the switch and to the VMs that join at up", () => {
    const g = labGraph(parseTopology(BASE, 't.yaml'));
    expect(g.nodes.find((n) => n.id === 'portgroup_mcast_lan')!.label).toEqual([
      'IGMP snooping on lan',
      'mcast_snoop=true',
      'mcast_querier=true',
      'mcast_idle_timeout=60',
      'mcast_eth_src=0a:00:00:86:00:fe',
      'mcast_ip4_src=10.86.0.254',
      '239.1.1.1: vm2, vm3',
    ]);
    const mermaid = toMermaid(g);
    expect(mermaid).toContain('portgroup_mcast_lan -.-|other_config| switch_lan');
    expect(mermaid).toContain('portgroup_mcast_lan -.-|joins 239.1.1.1| vm_vm3');
  });
});

describe('the join and leave steps, the igmp_group and multicast checks', () => {
  const withChecks = (...checks: string[]) => `${BASE}checks:\n${checks.map((c) => `  - ${c}\n`).join('')}`;

  it('accepts them, and says what each expects', () => {
    const lab = parseTopology(
      withChecks(
        '{ name: a, kind: step, join: { vm: vm1, group: 239.1.1.1 } }',
        '{ name: b, kind: igmp_group, switch: lan, group: 239.1.1.1, members: [vm1, vm2, vm3] }',
        '{ name: c, kind: multicast, from: vm1, group: 239.1.1.1, receivers: [vm2, vm3] }',
        '{ name: d, kind: step, leave: { vm: vm1, group: 239.1.1.1 } }',
        '{ name: e, kind: igmp_group, switch: lan, group: 239.2.2.2, members: [] }',
      ),
      't.yaml',
    );
    expect(lab.checks.map((c) => c.kind)).toEqual(['step', 'igmp_group', 'multicast', 'step', 'igmp_group']);
  });

  it.each([
    ['a join of an unknown VM', '{ name: a, kind: step, join: { vm: vm9, group: 239.1.1.1 } }', "23:40 check 'a': unknown VM 'vm9' (VMs in this lab: vm1, vm2, vm3, vm4)"],
    ['a leave of a link-local group', '{ name: a, kind: step, leave: { vm: vm1, group: 224.0.0.1 } }', expect.stringMatching(/^23:53 check 'a': 224.0.0.1 is link-local multicast/)],
    ['an igmp_group without its switch when several snoop', '{ name: a, kind: igmp_group, group: 239.1.1.1, members: [] }', "23:41 check 'a': say which switch: the lab has several snooping switches (lan, other)"],
    [
      'an igmp_group on a switch that does not snoop',
      edit('  other:\n    flood_unregistered: true\n', '') + 'checks:\n  - { name: a, kind: igmp_group, switch: other, group: 239.1.1.1, members: [] }\n',
      "21:42 check 'a': switch 'other' does not snoop: OVN makes IGMP_Group rows only on the switches of multicast: (lan)",
    ],
    ['an igmp_group member of another switch', '{ name: a, kind: igmp_group, switch: lan, group: 239.1.1.1, members: [vm4] }', "23:75 check 'a': vm4 is on switch 'other', not 'lan'"],
    [
      'a multicast receiver of another switch',
      '{ name: a, kind: multicast, from: vm1, group: 239.1.1.1, receivers: [vm4] }',
      expect.stringMatching(/^23:74 check 'a': vm4 is not on vm1's logical switch \(its VMs: vm2, vm3\): multicast stays on its switch$/),
    ],
    ['a multicast sender among its receivers', '{ name: a, kind: multicast, from: vm1, group: 239.1.1.1, receivers: [vm1] }', expect.stringMatching(/^23:74 check 'a': vm1 is the sender/)],
    ['a join written as the check kind it was', '{ name: a, kind: join, vm: vm1, group: 239.1.1.1 }', "23:22 kind 'join' is a step now: write kind: step with join: { vm, group }"],
    [
      'a step with join and another action',
      '{ name: a, kind: step, join: { vm: vm1, group: 239.1.1.1 }, leave: { vm: vm1, group: 239.1.1.1 } }',
      expect.stringMatching(/^23:\d+ check 'a': a step does exactly one of: .*, set, flush_conntrack, .*, join, leave, command$/),
    ],
  ])('refuses %s, at the field', (_what, check, expected) => {
    expect(issues(check.startsWith('{') ? withChecks(check) : check)).toEqual([expected]);
  });
});
