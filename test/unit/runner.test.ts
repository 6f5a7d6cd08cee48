import { describe, expect, it } from 'vitest';
import type { Attempt, CheckBase, CheckKind, Clock } from '../../src/checks/check.js';
import { runCheck } from '../../src/checks/runner.js';
import type { LabContext } from '../../src/ovn/lab-context.js';

/** A clock that advances only when the runner sleeps: no real waiting. */
function fakeClock(): Clock & { slept: number } {
  let t = 0;
  const clock = {
    slept: 0,
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
      clock.slept += ms;
    },
  };
  return clock;
}

function kindOf(attempts: (Attempt | Error)[], negative = false): CheckKind<CheckBase> {
  let i = 0;
  return {
    kind: 'fake',
    summary: '',
    schema: undefined as never,
    validate: () => [],
    negative: () => negative,
    expected: () => 'wanted',
    attempt: async () => {
      const a = attempts[Math.min(i++, attempts.length - 1)]!;
      if (a instanceof Error) throw a;
      return a;
    },
  };
}

const ctx = { lab: {} } as LabContext;
const spec = { name: 'c', kind: 'fake', timeout: 2 };

describe('checks retry like wait strategies', () => {
  it('a positive check passes at its first good attempt', async () => {
    const clock = fakeClock();
    const progress: string[] = [];
    const r = await runCheck(
      kindOf([
        { ok: false, seen: 'no lease yet' },
        { ok: false, seen: 'no lease yet' },
        { ok: true, seen: 'lease' },
      ]),
      spec,
      ctx,
      clock,
      (n, s) => progress.push(`${n}:${s}`),
    );
    expect(r).toMatchObject({ passed: true, seen: 'lease', attempts: 3, expected: 'wanted' });
    expect(progress).toEqual(['1:no lease yet', '2:no lease yet']);
  });

  it('a positive check fails when its timeout ends, with what it saw last', async () => {
    const clock = fakeClock();
    const r = await runCheck(kindOf([{ ok: false, seen: 'never' }]), spec, ctx, clock);
    expect(r).toMatchObject({ passed: false, seen: 'never' });
    expect(clock.now()).toBeGreaterThanOrEqual(2000);
    expect(clock.now()).toBeLessThan(2300);
  });

  it('a negative check is waited out before it passes', async () => {
    const clock = fakeClock();
    const r = await runCheck(kindOf([{ ok: true, seen: '0/1 replies' }], true), spec, ctx, clock);
    expect(r.passed).toBe(true);
    expect(clock.now()).toBeGreaterThanOrEqual(2000);
  });

  it('a negative check fails at the first bad attempt', async () => {
    const clock = fakeClock();
    const r = await runCheck(
      kindOf(
        [
          { ok: true, seen: '0/1' },
          { ok: false, seen: '1/1 replies' },
        ],
        true,
      ),
      spec,
      ctx,
      clock,
    );
    expect(r).toMatchObject({ passed: false, seen: '1/1 replies', attempts: 2 });
  });

  it('an attempt that throws is a bad attempt that reports the error', async () => {
    const r = await runCheck(kindOf([new Error('ovn-sbctl: no such table\nmore')]), spec, ctx, fakeClock());
    expect(r).toMatchObject({ passed: false, seen: 'error: ovn-sbctl: no such table more' });
  });

  it('default timeouts: 10 s for positive checks, 3 s for negative ones', async () => {
    const pos = fakeClock();
    await runCheck(kindOf([{ ok: false, seen: '' }]), { name: 'p', kind: 'fake' }, ctx, pos);
    expect(Math.round(pos.now() / 1000)).toBe(10);
    const neg = fakeClock();
    await runCheck(kindOf([{ ok: true, seen: '' }], true), { name: 'n', kind: 'fake' }, ctx, neg);
    expect(Math.round(neg.now() / 1000)).toBe(3);
  });
});
