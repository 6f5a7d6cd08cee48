import { describe, expect, it } from 'vitest';
import { opens, terminalRefusal, Tokens } from '../../src/web/access.js';

describe("lab web's tokens", () => {
  it('opens everything with the printed token, and nothing with another or none', () => {
    const t = new Tokens(false);
    expect(t.main).toMatch(/^[0-9a-f]{32}$/);
    expect(new Tokens(false).main).not.toBe(t.main);
    expect(t.check(t.main, [])).toEqual({ who: 'all' });
    for (const bad of ['', undefined, null, `${t.main}0`, t.main.slice(1), '0'.repeat(32)]) expect(t.check(bad, ['root'])).toBeUndefined();
  });

  it('gives no participant token outside workshop mode', () => {
    const t = new Tokens(false);
    expect(t.check(t.forOwner('alice'), ['alice'])).toBeUndefined();
  });

  it("in workshop mode, a participant's token opens only their labs", () => {
    const t = new Tokens(true);
    const alice = t.check(t.forOwner('alice'), ['alice', 'bob']);
    expect(alice).toEqual({ who: 'owner', user: 'alice' });
    expect(opens(alice!, 'alice')).toBe(true);
    expect(opens(alice!, 'bob')).toBe(false);
    expect(opens(alice!, undefined)).toBe(false);
    expect(t.forOwner('alice')).not.toBe(t.forOwner('bob'));
    // A token for a user who is not a participant (no lab, not named) opens nothing.
    expect(t.check(t.forOwner('mallory'), ['alice', 'bob'])).toBeUndefined();
    // Another run of lab web has another secret: yesterday's URLs open nothing.
    expect(t.check(new Tokens(true).forOwner('alice'), ['alice'])).toBeUndefined();
  });

  it('refuses a terminal on netns nodes in workshop mode only', () => {
    expect(terminalRefusal(false, true, true)).toBeUndefined();
    expect(terminalRefusal(true, false, true)).toBeUndefined();
    expect(terminalRefusal(true, true, true)).toMatch(/only in the docker runtime's containers.*root on this host/);
    expect(terminalRefusal(false, false, false)).toMatch(/no terminal/);
  });
});
