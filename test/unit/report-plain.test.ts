import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../src/base/events.js';
import { PlainReporter } from '../../src/report/plain-reporter.js';

/** The lines a plain reporter writes for these events. */
async function lines(events: LabEvent[], verbose?: boolean): Promise<string[]> {
  const written: string[] = [];
  const reporter = new PlainReporter((line) => written.push(line), verbose);
  for (const e of events) reporter.notify(e);
  await reporter.flush();
  return written;
}

const UP: LabEvent[] = [
  { type: 'info', message: 'reading labs/dmz.yaml' },
  {
    type: 'plan',
    lab: 'dmz',
    action: 'up',
    steps: [
      { id: 'central', title: 'central: NB/SB and northd' },
      { id: 'hv1', title: 'chassis hv1', group: 'chassis' },
    ],
  },
  { type: 'step-start', id: 'central' },
  { type: 'step-progress', id: 'central', message: 'waiting for the SB database' },
  { type: 'command', argv: ['ovn-nbctl', 'ls-add', 'dmz net'] },
  { type: 'step-done', id: 'central', detail: 'northd active', durationMs: 1234 },
  { type: 'warn', message: 'the kernel datapath is missing: netdev' },
  { type: 'step-start', id: 'hv1' },
  { type: 'step-fail', id: 'hv1', error: new Error('ovn-controller exited\nits log says more'), durationMs: 20 },
];

describe('plain reporter (CI logs, pipes, --verbose)', () => {
  it('one line per step of lab up: ok or FAIL with detail and seconds, the first line of an error, warnings, and notes before a plan under [lab]', async () => {
    expect(await lines(UP)).toEqual([
      '[lab] reading labs/dmz.yaml',
      '[dmz] up: 2 steps',
      '[dmz] ok   central: NB/SB and northd: northd active (1.23s)',
      '[dmz] warning: the kernel datapath is missing: netdev',
      '[dmz] FAIL chassis hv1 (0.02s): ovn-controller exited',
    ]);
  });

  it('--verbose adds each step as it starts, its progress and every command, quoted as a shell would need it', async () => {
    expect(await lines(UP, true)).toEqual([
      '[lab] reading labs/dmz.yaml',
      '[dmz] up: 2 steps',
      '[dmz] ... central: NB/SB and northd',
      '[dmz] central: NB/SB and northd: waiting for the SB database',
      "  $ ovn-nbctl ls-add 'dmz net'",
      '[dmz] ok   central: NB/SB and northd: northd active (1.23s)',
      '[dmz] warning: the kernel datapath is missing: netdev',
      '[dmz] ... chassis hv1',
      '[dmz] FAIL chassis hv1 (0.02s): ovn-controller exited',
    ]);
  });

  it('a test plan reads like a test runner: checks, [PASS], [FAIL] and [SKIP]; a step it was not told of goes by its id', async () => {
    const events: LabEvent[] = [
      { type: 'warn', message: 'dmz is up already: only its checks run' },
      {
        type: 'plan',
        lab: 'dmz',
        action: 'test',
        steps: [
          { id: 'c1', title: 'vm1 pings vm2' },
          { id: 'c2', title: 'vm2 got its lease' },
          { id: 'c3', title: 'new flow' },
        ],
      },
      { type: 'step-done', id: 'c1', detail: '3 of 3 replies', durationMs: 500 },
      { type: 'step-fail', id: 'c2', error: new Error('no lease'), durationMs: 4500 },
      { type: 'step-done', id: 'c3', detail: 'needs OVN >= 24.03', durationMs: 0, skipped: true },
      { type: 'step-done', id: 'other', durationMs: 10 },
    ];
    expect(await lines(events)).toEqual([
      '[lab] warning: dmz is up already: only its checks run',
      '[dmz] test: 3 checks',
      '[dmz] [PASS] vm1 pings vm2: 3 of 3 replies (0.50s)',
      '[dmz] [FAIL] vm2 got its lease (4.50s): no lease',
      '[dmz] [SKIP] new flow: needs OVN >= 24.03 (0.00s)',
      '[dmz] [PASS] other (0.01s)',
    ]);
  });
});
