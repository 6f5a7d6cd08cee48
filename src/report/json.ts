import type { LabTestReport } from '../core/test.js';
import { totals } from './summary.js';

/** The JSON report of `lab test --json`: the totals, then every lab's report as the runner made it. */
export function jsonReport(reports: LabTestReport[]): string {
  return `${JSON.stringify({ ...totals(reports), labs: reports }, null, 2)}\n`;
}
