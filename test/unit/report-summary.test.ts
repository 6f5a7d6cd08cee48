import { describe, expect, it } from 'vitest';
import { summaryLines, totals } from '../../src/report/summary.js';
import { check, threeLabs } from './report-fixtures.js';

describe('the closing summary of lab test', () => {
  it('totals: a skipped check is neither passed nor failed, and a lab that did not come up is an error', () => {
    expect(totals(threeLabs())).toEqual({ passed: 3, failed: 1, skipped: 1, errors: 1 });
    expect(totals([])).toEqual({ passed: 0, failed: 0, skipped: 0, errors: 0 });
  });

  it('a line per lab with its times, each failure with expected and seen, the failure bundle, then the totals', () => {
    expect(summaryLines(threeLabs())).toEqual([
      'lab dmz: 1 passed, 1 failed, 1 skipped (up 12.00s, checks 5.00s, down 2.00s, total 19.00s)',
      '  [FAIL] vm2 got its lease',
      '         expected: lease 172.16.255.131 & router 172.16.255.129',
      '         seen:     no lease <none> after 3 tries',
      '  failure bundle: /tmp/lab-failures/dmz-20250101-000000',
      'lab subnets-routed: 2 passed, 0 failed (up 8.00s, checks 1.03s, down 1.50s, total 10.53s)',
      "lab vpc: ERROR: step 'central' failed: ovsdb-server exited (see the failure bundle) (up 3.25s, checks 0.00s, down 0.75s, total 4.00s)",
      '3 passed, 1 failed, 1 skipped, 1 lab did not come up',
    ]);
  });

  it('all passed: the closing line is the plain "N passed, N failed" that CI reads', () => {
    const [, routed] = threeLabs();
    expect(summaryLines([routed!]).at(-1)).toBe('2 passed, 0 failed');
    expect(summaryLines([{ ...routed!, checks: [check('one', { passed: false })] }]).at(-1)).toBe('0 passed, 1 failed');
  });
});
