import type { CheckResult } from '../../src/checks/check.js';
import type { LabTestReport } from '../../src/core/test.js';

/** One check's result: passed unless told otherwise. */
export function check(name: string, over: Partial<CheckResult> = {}): CheckResult {
  return { name, kind: 'ping', passed: true, expected: 'replies', seen: '3 of 3 replies', attempts: 1, durationMs: 250, ...over };
}

/**
 * What `lab test` reports for three labs, one of each outcome the report writers tell apart: dmz
 * with a pass, a failure and a skipped check (and its failure bundle); subnets-routed all passed; vpc
 * that did not come up.
 */
export function threeLabs(): LabTestReport[] {
  return [
    {
      lab: 'dmz',
      file: 'labs/dmz.yaml',
      status: 'failed',
      checks: [
        check('vm1 pings vm2'),
        check('vm2 got its lease', { kind: 'dhcp', passed: false, expected: 'lease 172.16.255.131 & router 172.16.255.129', seen: 'no lease <none> after 3 tries', attempts: 3, durationMs: 4500 }),
        check('ovn 24.03 feature', { kind: 'flow', skipped: 'needs OVN >= 24.03 (this lab: 23.03)', seen: 'needs OVN >= 24.03 (this lab: 23.03)', attempts: 0, durationMs: 0 }),
      ],
      bundle: '/tmp/lab-failures/dmz-20250101-000000',
      durationsMs: { up: 12_000, checks: 5_000, down: 2_000, total: 19_000 },
    },
    {
      lab: 'subnets-routed',
      file: 'labs/subnets-routed.yaml',
      status: 'passed',
      checks: [check('vm1 reaches vm3 through r1', { durationMs: 1000 }), check('lab daemons are running', { kind: 'daemons', expected: 'every daemon running', seen: '12 running', durationMs: 30 })],
      durationsMs: { up: 8_000, checks: 1_030, down: 1_500, total: 10_530 },
    },
    {
      lab: 'vpc',
      file: 'labs/vpc.yaml',
      status: 'error',
      error: "step 'central' failed: ovsdb-server exited (see the failure bundle)",
      checks: [],
      durationsMs: { up: 3_250, checks: 0, down: 750, total: 4_000 },
    },
  ];
}
