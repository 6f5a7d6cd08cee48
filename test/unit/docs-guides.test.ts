import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CHECK_SPECS } from '../../src/topology/checks/all.js';
import { topologySchema } from '../../src/topology/schema.js';

// The guides in docs/ are written by hand, beside the references generated from the schema and the
// specs: these fail when a feature adds a top-level key or a check kind the guide does not show.
describe('the hand-written guides keep up with the file format', () => {
  it('docs/topology.md shows every top-level key of a topology file', () => {
    const guide = readFileSync('docs/topology.md', 'utf8');
    const keys = Object.keys(topologySchema.shape);
    expect(keys.filter((k) => !new RegExp(`^\\s*${k}:|\`${k}:?\``, 'm').test(guide))).toEqual([]);
  });

  it("docs/checks.md's table of kinds has a row for every check kind", () => {
    const rows = readFileSync('docs/checks.md', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('| `'))
      .map((l) => l.split('|')[1] ?? '');
    expect(ALL_CHECK_SPECS.map((k) => k.kind).filter((kind) => !rows.some((cell) => cell.includes(`\`${kind}\``)))).toEqual([]);
  });
});
