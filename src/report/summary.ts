import type { LabTestReport } from '../core/test.js';
import { count, seconds } from '../base/text.js';

/** Totals over every lab: the numbers of the closing line. */
export function totals(reports: LabTestReport[]) {
  const checks = reports.flatMap((r) => r.checks);
  return {
    passed: checks.filter((c) => c.passed && !c.skipped).length,
    failed: checks.filter((c) => !c.passed).length,
    skipped: checks.filter((c) => c.skipped).length,
    errors: reports.filter((r) => r.status === 'error').length,
  };
}

/** The end of `lab test`: a line per lab with its times, failures with expected and seen, then `N passed, N failed`. */
export function summaryLines(reports: LabTestReport[]): string[] {
  const lines: string[] = [];
  for (const r of reports) {
    const t = totals([r]);
    const d = r.durationsMs;
    const times = `up ${seconds(d.up)}, checks ${seconds(d.checks)}, down ${seconds(d.down)}, total ${seconds(d.total)}`;
    const state = r.status === 'error' ? `ERROR: ${r.error}` : `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;
    lines.push(`lab ${r.lab}: ${state} (${times})`);
    for (const c of r.checks.filter((x) => !x.passed)) {
      lines.push(`  [FAIL] ${c.name}`, `         expected: ${c.expected}`, `         seen:     ${c.seen}`);
    }
    if (r.bundle) lines.push(`  failure bundle: ${r.bundle}`);
  }
  const all = totals(reports);
  lines.push(`${all.passed} passed, ${all.failed} failed${all.skipped ? `, ${all.skipped} skipped` : ''}${all.errors ? `, ${count(all.errors, 'lab')} did not come up` : ''}`);
  return lines;
}
