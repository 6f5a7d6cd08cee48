import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ALL_CHECK_SPECS as CHECK_SPECS } from '../../../src/topology/checks/all.js';

it('every check kind has its probe tested here, against captured output', () => {
  const dir = new URL('.', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
  const tried = new Set(files.flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/kind: (\w+)/g)].map((m) => m[1])));
  expect(CHECK_SPECS.map((s) => s.kind).filter((k) => !tried.has(k))).toEqual([]);
});
