import { describe, expect, it } from 'vitest';
import { labGraph } from '../../graph/model.js';
import { toMermaid } from '../../graph/render.js';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';

const BASE = `name: t
chassis: { hv1: {}, hv2: {} }
switches:
  lan: { subnet: 10.80.0.0/24, dhcp: {} }
  more: { subnet: 10.81.0.0/24, on: lan }
  other: { subnet: 10.82.0.0/24 }
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.80.0.11 }
  vm2: { chassis: hv2, switch: more, ip: 10.81.0.12, port: two }
qos:
  - { vm: vm1, direction: from-lport, priority: 200, rate: 2000, burst: 200, dscp: 46 }
  - { vm: vm2, direction: to-lport, priority: 100, match: udp.dst == 5202, dscp: 10 }
  - { switch: other, direction: from-lport, priority: 10, match: ip4, rate: 500 }
meters:
  acl-log: { rate: 2, unit: pktps }
  shared: { rate: 100, unit: kbps, burst: 20, fair: true }
acls:
  - { switch: lan, direction: to-lport, priority: 1000, match: icmp4, action: allow-stateless, log: { name: ping, meter: acl-log } }
`;

const edit = editorOf(BASE);

describe('QoS rules and meters in the file', () => {
  it("resolves rules onto their logical switch, a VM's port and-ed into the match, and meters", () => {
    expect(issues(BASE)).toEqual([]);
    const lab = parseTopology(BASE, 't.yaml');
    expect(lab.qos).toEqual([
      { switch: 'lan', direction: 'from-lport', priority: 200, match: 'inport == "lan-vm1"', rate: 2000, burst: 200, dscp: 46 },
      { switch: 'lan', direction: 'to-lport', priority: 100, match: 'outport == "two" && (udp.dst == 5202)', dscp: 10 },
      { switch: 'other', direction: 'from-lport', priority: 10, match: 'ip4', rate: 500 },
    ]);
    expect(lab.meters).toEqual([
      { name: 'acl-log', rate: 2, unit: 'pktps', fair: false },
      { name: 'shared', rate: 100, unit: 'kbps', burst: 20, fair: true },
    ]);
  });

  it.each([
    ['an unknown VM', edit('{ vm: vm1,', '{ vm: vm9,'), "11:11 unknown VM 'vm9' (VMs in this file: vm1, vm2)"],
    ['an unknown switch', edit('{ switch: other,', '{ switch: wan,'), "13:15 unknown switch 'wan' (switches in this file: lan, more, other)"],
    ['a VM on another switch than the rule', edit('{ vm: vm1,', '{ switch: other, vm: vm1,'), "11:26 vm1 is on switch 'lan', not 'other': a rule sees the ports of its own switch (leave switch: out, or name lan)"],
    ['a rule on no switch', edit('{ switch: other, direction', '{ direction'), '13:5 a QoS rule is on a switch: give switch:, or vm: (its switch)'],
    ['a rule that does nothing', edit('match: ip4, rate: 500', 'match: ip4'), '13:5 a QoS rule limits (rate:), marks (dscp:) or both: give at least one'],
    ['a burst without a rate', edit('dscp: 10 }', 'dscp: 10, burst: 5 }'), '12:93 burst goes with rate: the kilobits let through above the rate'],
    ['a DSCP above 63', edit('dscp: 46', 'dscp: 64'), expect.stringMatching(/^11:84 qos.0.dscp: 64 is too big: at most 63$/)],
    [
      'a second rule alike',
      edit('  - { switch: other, direction: from-lport, priority: 10, match: ip4, rate: 500 }', '  - { vm: vm1, direction: from-lport, priority: 200, dscp: 10 }'),
      '13:5 the same switch, direction, priority and match as qos rule 1: OVN keeps one rule for them (qos-add refuses the second); merge the two or change the priority',
    ],
    ['an unknown meter unit', edit('unit: pktps', 'unit: bps'), expect.stringMatching(/^15:29 meters.acl-log.unit: expected one of pktps, kbps/)],
    [
      "an ACL's log naming a meter the file does not define",
      edit('meter: acl-log }', 'meter: acl-logs }'),
      "18:122 unknown meter 'acl-logs' (meters in this file: acl-log, shared): define it under meters:, e.g. meters: { acl-logs: { rate: 10, unit: pktps } }",
    ],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });

  it('writes the meters before the ACLs that name them, and each rule with qos-add', () => {
    const argv = logicalNetworkArgv(parseTopology(BASE, 't.yaml')).join(' ');
    expect(argv).toContain('-- meter-add acl-log drop 2 pktps -- meter-add --fair shared drop 100 kbps 20');
    expect(argv).toContain('-- qos-add lan from-lport 200 inport == "lan-vm1" rate=2000 burst=200 dscp=46');
    expect(argv).toContain('-- qos-add lan to-lport 100 outport == "two" && (udp.dst == 5202) dscp=10');
    expect(argv).toContain('-- qos-add other from-lport 10 ip4 rate=500');
    expect(argv.indexOf('meter-add acl-log')).toBeLessThan(argv.indexOf('create ACL'));
    expect(argv.indexOf('qos-add lan')).toBeGreaterThan(argv.indexOf('lsp-add lan two'));
  });

  it('a lab without rules or meters has neither field, and no NB command of them', () => {
    const lab = parseTopology(BASE.slice(0, BASE.indexOf('qos:')), 't.yaml');
    expect('qos' in lab || 'meters' in lab).toBe(false);
    expect(logicalNetworkArgv(lab).join(' ')).not.toMatch(/qos-add|meter-add/);
  });

  it("lab graph draws each switch's rules in a box tied to it", () => {
    const g = labGraph(parseTopology(BASE, 't.yaml'));
    expect(g.nodes.find((n) => n.id === 'portgroup_qos_lan')!.label).toEqual(['QoS lan', 'from-lport 200 inport == "lan-vm1": ≤ 2000 kbit/s (burst 200), DSCP 46', 'to-lport 100 outport == "two" && (udp.dst == 5202): DSCP 10']);
    expect(toMermaid(g)).toContain('portgroup_qos_other -.-|qos_rules| switch_other');
  });
});

describe('the throughput check', () => {
  const withChecks = (...checks: string[]) => `${BASE}checks:\n${checks.map((c) => `  - ${c}\n`).join('')}`;

  it('accepts a sender and a receiver with a min, a max or both', () => {
    expect(issues(withChecks('{ name: a, kind: throughput, from: vm1, to: vm2, max: 2.5 Mbit/s }', '{ name: b, kind: throughput, from: vm2, to: vm1, proto: tcp, min: 800 kbit/s, max: 1 Gbit/s }'))).toEqual([]);
  });

  it.each([
    ['an unknown receiver', '{ name: a, kind: throughput, from: vm1, to: vm9, max: 2 Mbit/s }', "20:49 check 'a': unknown VM or host 'vm9' (VMs and hosts in this lab: vm1, vm2)"],
    ['a VM sending to itself', '{ name: a, kind: throughput, from: vm1, to: vm1, max: 2 Mbit/s }', "20:49 check 'a': vm1 would send to itself: give another VM or host"],
    ['no bound', '{ name: a, kind: throughput, from: vm1, to: vm2 }', "20:5 check 'a': a throughput check compares the rate with min:, max: or both: give at least one"],
    ['min above max', '{ name: a, kind: throughput, from: vm1, to: vm2, min: 3 Mbit/s, max: 2 Mbit/s }', "20:59 check 'a': min 3 Mbit/s is above max 2 Mbit/s: no rate can pass"],
    ['a rate as a bare number', '{ name: a, kind: throughput, from: vm1, to: vm2, max: 2 }', '20:59 checks.0.max: expected a text, not the number 2'],
  ])('refuses %s, at the field', (_what, check, expected) => {
    expect(issues(withChecks(check))).toEqual([expected]);
  });
});
