import { describe, expect, it } from 'vitest';
import { givenLabName } from '../../src/cli/context.js';
import { requireOwnLab } from '../../src/core/lab-store.js';
import { faultStep } from '../../src/core/fault-step.js';
import { parseTopology } from '../../src/topology/load.js';

describe('which lab a command is about', () => {
  it('takes the name alone or --lab, then LAB, the same way for every command', () => {
    expect(givenLabName('a', undefined, {})).toEqual({ name: 'a', from: 'lab name' });
    expect(givenLabName(undefined, 'b', { LAB: 'c' })).toEqual({ name: 'b', from: 'lab name' });
    expect(givenLabName('a', 'a', {})).toEqual({ name: 'a', from: 'lab name' });
    expect(givenLabName(undefined, undefined, { LAB: 'c' })).toEqual({ name: 'c', from: 'LAB' });
    expect(givenLabName(undefined, undefined, { LAB: '' })).toBeUndefined();
    expect(givenLabName(undefined, undefined, {})).toBeUndefined();
  });

  it('refuses two different names, saying to give one', () => {
    expect(() => givenLabName('a', 'b', {})).toThrow("two labs named: 'a' and --lab b");
  });
});

describe("another user's lab", () => {
  const record = { owner: { user: 'alice', uid: 1001 }, lab: parseTopology('name: dmz\nchassis: { hv1: {} }\n', 'd.yaml') };
  const bob = { user: 'bob', uid: 1002 };

  it('is refused without --force, saying whose it is and what to do', () => {
    let error: { message: string; hint?: string } | undefined;
    try {
      requireOwnLab(record, 'down', false, bob);
    } catch (e) {
      error = e as { message: string; hint?: string };
    }
    expect(error?.message).toBe("lab 'dmz' belongs to alice, not to you (bob)");
    expect(error?.hint).toBe("ask alice to run 'lab down dmz', or run 'lab down dmz --force' to take it down anyway");
  });

  it('refuses a daemon killed or restarted, or a solution applied, naming the command to run with --lab', () => {
    const hint = (change: Parameters<typeof requireOwnLab>[1]) => {
      try {
        requireOwnLab(record, change, false, bob);
      } catch (e) {
        return (e as { hint?: string }).hint;
      }
      return 'not refused';
    };
    expect(hint({ verb: 'kill', args: ['hv1', 'ovn-controller'] })).toBe("ask alice to run 'lab kill hv1 ovn-controller --lab dmz', or run 'lab kill hv1 ovn-controller --lab dmz --force' to kill it anyway");
    expect(hint({ verb: 'restart', args: ['hv1', 'ovn-controller'] })).toBe("ask alice to run 'lab restart hv1 ovn-controller --lab dmz', or run 'lab restart hv1 ovn-controller --lab dmz --force' to restart it anyway");
    expect(hint({ verb: 'solution', args: ['2', '--apply'] })).toBe("ask alice to run 'lab solution 2 --apply --lab dmz', or run 'lab solution 2 --apply --lab dmz --force' to apply it anyway");
    expect(() => requireOwnLab(record, { verb: 'kill', args: ['hv1', 'ovn-controller'] }, true, bob)).not.toThrow();
  });

  it('is taken with --force; its owner, and a lab of no known owner, need none', () => {
    expect(() => requireOwnLab(record, 'reset', true, bob)).not.toThrow();
    expect(() => requireOwnLab(record, 'down', false, { user: 'alice', uid: 1001 })).not.toThrow();
    expect(() => requireOwnLab({ ...record, owner: { user: 'unknown', uid: -1 } }, 'down', false, bob)).not.toThrow();
  });
});

describe('lab kill and lab restart', () => {
  const lab = parseTopology('name: dmz\ncentral: { cluster: 3 }\nchassis: { hv1: {}, hv2: {} }\n', 'd.yaml');

  it('are the fault steps of checks:, on the node named', () => {
    expect(faultStep(lab, 'kill', 'hv2', 'ovn-controller')).toEqual({ name: 'kill ovn-controller on hv2', kind: 'step', kill: { daemon: 'ovn-controller', node: 'hv2' } });
    expect(faultStep(lab, 'restart', 'central2', 'ovnsb_db')).toEqual({ name: 'restart ovnsb_db on central2', kind: 'step', restart: { daemon: 'ovnsb_db', node: 'central2' } });
  });

  it('refuse a daemon they do not know, and a node it does not run on, saying which', () => {
    expect(() => faultStep(lab, 'kill', 'hv1', 'sshd')).toThrow("'sshd' is not a daemon lab kill knows");
    expect(() => faultStep(lab, 'kill', 'hv1', 'ovn-northd')).toThrow("lab 'dmz': ovn-northd runs on central nodes: central, central2, central3");
  });
});
