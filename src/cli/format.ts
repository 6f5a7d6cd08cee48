import { Option } from 'commander';

export type Format = 'table' | 'json';

/** The one output option of every verb that prints data: a table for people, JSON for programs. */
export function formatOption(): Option {
  return new Option('--format <format>', 'table or json').choices(['table', 'json']).default('table');
}

/** Rows as a table with padded columns (the last one unpadded). */
export function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
