import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../topology/load.js';
import { editorOf, issues } from '../../../test/unit/issues.js';
import { scoreOf } from '../../core/exercise-state.js';

const BASE = `name: t
chassis: { hv1: {}, hv2: {} }
switches:
  lan: { subnet: 10.70.0.0/24 }
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.70.0.11 }
  vm2: { chassis: hv2, switch: lan, ip: 10.70.0.12 }
checks:
  - { name: vm1 pings vm2, kind: ping, from: vm1, to: vm2 }
exercises:
  - name: revive
    task: bring hv2 back
    hints: [lab status]
    start:
      - { name: crash, kind: step, kill: { daemon: ovn-controller, node: hv2 } }
    solution:
      - { name: restart, kind: step, restart: { daemon: ovn-controller, node: hv2 } }
    checks:
      - { name: daemons run, kind: daemons }
  - name: block
    task: |
      vm1 pings no more
    solution:
      - { name: drop, kind: step, add_acl: { switch: lan, direction: from-lport, priority: 1001, match: 'inport == "lan-vm1" && icmp4', action: drop } }
    checks:
      - { name: no ping, kind: ping, from: vm1, to: vm2, expect: unreachable }
`;

const edit = editorOf(BASE);

describe('exercises in the file', () => {
  it('accepts exercises with start and solution steps and checks of any kind, and keeps them in the lab', () => {
    expect(issues(BASE)).toEqual([]);
    const lab = parseTopology(BASE, 't.yaml');
    expect(lab.exercises?.map((e) => [e.name, e.task, e.hints, e.start.length, e.solution.length, e.checks.map((c) => c.kind)])).toEqual([
      ['revive', 'bring hv2 back', ['lab status'], 1, 1, ['daemons']],
      ['block', 'vm1 pings no more', [], 0, 1, ['ping']],
    ]);
    // The checks keep their defaults filled in, as the lab's own checks do.
    expect(lab.exercises?.[1]?.checks[0]).toMatchObject({ count: 3, family: 4 });
  });

  it('leaves a lab without exercises as it was (no field in its record)', () => {
    expect('exercises' in parseTopology(BASE.slice(0, BASE.indexOf('exercises:')), 't.yaml')).toBe(false);
  });

  it.each([
    ['a name used twice', edit('- name: block', '- name: revive'), "20:11 exercise name 'revive' is already used by exercises.0"],
    ['a check of a VM that does not exist', edit('kind: ping, from: vm1, to: vm2, expect', 'kind: ping, from: vm9, to: vm2, expect'), expect.stringMatching(/^26:44 'no ping': unknown node 'vm9'/)],
    [
      'a step among the checks',
      edit('- { name: daemons run, kind: daemons }', '- { name: daemons run, kind: step, restart: { daemon: ovn-controller } }'),
      "19:36 an exercise's checks prove the task is done and change nothing: put a step in start: or solution:",
    ],
    ['a fault step on a node the daemon does not run on', edit('kill: { daemon: ovn-controller, node: hv2 }', 'kill: { daemon: ovn-controller, node: central }'), "15:74 'crash': ovn-controller runs on chassis: hv1, hv2"],
    ['a solution that is not steps', edit('- { name: restart, kind: step, restart: { daemon: ovn-controller, node: hv2 } }', '- { name: restart, kind: daemons }'), expect.stringMatching(/^17:32 exercises.0.solution.0.kind: expected step/)],
    ['an exercise without checks', edit('      - { name: no ping, kind: ping, from: vm1, to: vm2, expect: unreachable }\n', '      []\n'), expect.stringMatching(/^26:7 exercises.1.checks: needs at least 1 entry/)],
    ['a step of an unknown switch', edit('add_acl: { switch: lan,', 'add_acl: { switch: wan,'), expect.stringMatching(/^24:54 'drop': unknown switch 'wan'/)],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });
});

describe('the score', () => {
  const lab = parseTopology(BASE, 't.yaml');
  const exercises = lab.exercises ?? [];

  it('counts an exercise with a start only once started, and one without from the start', () => {
    const score = scoreOf(exercises, { started: [], hints: {}, results: { revive: { passed: true, at: 'x', failed: [] }, block: { passed: true, at: 'y', failed: [] } } });
    expect(score).toEqual({
      passed: 1,
      total: 2,
      exercises: [
        { number: 1, name: 'revive', started: false, passed: false, checkedAt: 'x' },
        { number: 2, name: 'block', started: true, passed: true, checkedAt: 'y' },
      ],
    });
    expect(scoreOf(exercises, { started: ['revive'], hints: {}, results: { revive: { passed: true, at: 'x', failed: [] } } }).passed).toBe(1);
    expect(scoreOf(exercises, { started: [], hints: {}, results: {} })).toMatchObject({ passed: 0, total: 2 });
  });
});
