import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ALL_CHECK_SPECS as CHECK_SPECS } from '../../../src/topology/checks/all.js';

it('every check kind has its probe tested here, against captured output', () => {
  // The core's probes are tested here; a feature's beside it (src/features/<name>/*.probe.test.ts).
  const here = new URL('.', import.meta.url);
  const features = new URL('../../../src/features/', import.meta.url);
  const files = [
    ...readdirSync(here)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => new URL(f, here)),
    ...readdirSync(features, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.probe.test.ts'))
      .map((f) => new URL(f, features)),
  ];
  const tried = new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/kind: (\w+)/g)].map((m) => m[1])));
  expect(CHECK_SPECS.map((s) => s.kind).filter((k) => !tried.has(k))).toEqual([]);
});
