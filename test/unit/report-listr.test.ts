import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LabEvent } from '../../src/base/events.js';
import { chooseReporter } from '../../src/report/choose.js';
import { ListrReporter } from '../../src/report/listr-reporter.js';
import { PlainReporter } from '../../src/report/plain-reporter.js';

/**
 * What the task-list reporter shows for these events. Off a terminal (as here) listr2 falls back to
 * its simple renderer: a line per task as it starts and ends, failures on stderr.
 */
async function render(events: LabEvent[]): Promise<{ stdout: string[]; stderr: string[]; notes: string[] }> {
  const captured = { stdout: [] as string[], stderr: [] as string[] };
  const capture = (stream: 'stdout' | 'stderr') =>
    vi.spyOn(process[stream], 'write').mockImplementation((chunk: string | Uint8Array) => {
      captured[stream].push(...stripVTControlCharacters(String(chunk)).split('\n').filter(Boolean));
      return true;
    });
  const spies = [capture('stdout'), capture('stderr')];
  const notes: string[] = [];
  try {
    const reporter = new ListrReporter((line) => notes.push(line));
    for (const e of events) reporter.notify(e);
    await reporter.flush();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return { ...captured, notes };
}

describe('task-list reporter (lab up and lab test on a terminal)', () => {
  it('a test plan: [PASS] with detail and seconds, a failure with its first line, a skipped check, grouped checks under their group, a step never reached skipped', async () => {
    const { stdout, stderr, notes } = await render([
      { type: 'info', message: 'reading labs/dmz.yaml' },
      {
        type: 'plan',
        lab: 'dmz',
        action: 'test',
        steps: [
          { id: 'a', title: 'ping' },
          { id: 'b', title: 'dhcp vm1', group: 'leases' },
          { id: 'c', title: 'dhcp vm2', group: 'leases' },
          { id: 'd', title: 'never' },
        ],
      },
      { type: 'step-start', id: 'a' },
      { type: 'step-progress', id: 'a', message: 'attempt 2' },
      { type: 'step-done', id: 'a', detail: '3 of 3 replies', durationMs: 1500 },
      { type: 'warn', message: 'slow SB database' },
      { type: 'command', argv: ['ping', '-c3', 'vm2'] },
      { type: 'step-start', id: 'b' },
      { type: 'step-fail', id: 'b', error: new Error('no lease\nsecond line'), durationMs: 20 },
      { type: 'step-start', id: 'c' },
      { type: 'step-done', id: 'c', skipped: true, detail: 'needs OVN >= 24.03', durationMs: 0 },
    ]);
    expect(stdout).toEqual(expect.arrayContaining(['✔ [PASS] ping: 3 of 3 replies (1.50s)', '❯ leases', '↓ dhcp vm2 [SKIPPED: dhcp vm2 (needs OVN >= 24.03)]', '↓ never [SKIPPED: never (not run)]']));
    expect(stdout.indexOf('❯ leases')).toBeLessThan(stdout.indexOf('❯ dhcp vm1'));
    expect(stderr).toEqual(['✖ dhcp vm1 [FAILED: [FAIL] dhcp vm1: no lease]']);
    // Notes before the list are written at once; those during it wait for its end, so they do not tear it.
    expect(notes).toEqual(['reading labs/dmz.yaml', 'warning: slow SB database']);
  });

  it('an up plan: titles without [PASS] or [FAIL], a plan after a failed one skips the steps the first never ran', async () => {
    const { stdout, stderr, notes } = await render([
      {
        type: 'plan',
        lab: 'dmz',
        action: 'up',
        steps: [
          { id: 'central', title: 'central' },
          { id: 'hv1', title: 'chassis hv1' },
          { id: 'hv2', title: 'chassis hv2' },
        ],
      },
      { type: 'step-start', id: 'central' },
      { type: 'step-done', id: 'central', durationMs: 250 },
      { type: 'info', message: 'central is up' },
      { type: 'step-start', id: 'hv1' },
      { type: 'step-fail', id: 'hv1', error: new Error('ovn-controller exited'), durationMs: 30 },
      { type: 'plan', lab: 'dmz', action: 'down', steps: [{ id: 'rm', title: 'remove dmz' }] },
      { type: 'step-start', id: 'rm' },
      { type: 'step-done', id: 'rm', detail: 'nothing left', durationMs: 100 },
    ]);
    expect(stdout).toEqual(expect.arrayContaining(['✔ central (0.25s)', '↓ chassis hv2 [SKIPPED: chassis hv2 (not run)]', '✔ remove dmz: nothing left (0.10s)']));
    expect(stdout.indexOf('↓ chassis hv2 [SKIPPED: chassis hv2 (not run)]')).toBeLessThan(stdout.indexOf('❯ remove dmz'));
    expect(stderr).toEqual(['✖ chassis hv1 [FAILED: chassis hv1: ovn-controller exited]']);
    expect(notes).toEqual(['central is up']);
  });
});

describe('which reporter a command gets', () => {
  const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  const onTerminal = (isTTY: boolean) => Object.defineProperty(process.stderr, 'isTTY', { value: isTTY, configurable: true });
  afterEach(() => {
    if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
    vi.unstubAllEnvs();
  });

  it('a task list on a terminal; plain lines in CI (which may claim a terminal), in a pipe and with --verbose', () => {
    vi.stubEnv('CI', '');
    onTerminal(true);
    expect(chooseReporter({ write: () => {} })).toBeInstanceOf(ListrReporter);
    expect(chooseReporter({ verbose: true, write: () => {} })).toBeInstanceOf(PlainReporter);
    vi.stubEnv('CI', 'true');
    expect(chooseReporter({ write: () => {} })).toBeInstanceOf(PlainReporter);
    vi.stubEnv('CI', '');
    onTerminal(false);
    expect(chooseReporter({ write: () => {} })).toBeInstanceOf(PlainReporter);
  });

  it('writes to stderr unless told where, leaving stdout to results', () => {
    onTerminal(false);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      chooseReporter({}).notify({ type: 'info', message: 'hello' });
      expect(stderr).toHaveBeenCalledWith('[lab] hello\n');
    } finally {
      stderr.mockRestore();
    }
  });
});
