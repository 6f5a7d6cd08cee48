import { expect } from 'vitest';
import { parseTopology } from '../../src/topology/load.js';
import { TopologyError } from '../../src/topology/topology-error.js';

/** The problems a topology text has, as "line:column message" (empty when it is valid). */
export function issues(text: string): string[] {
  try {
    parseTopology(text, 'f.yaml');
    return [];
  } catch (e) {
    if (!(e instanceof TopologyError)) throw e;
    return e.issues.map((i) => `${i.line}:${i.column} ${i.message}`);
  }
}

/** An edit of a base text: `from` (which must occur exactly once) replaced by `to`. */
export function editorOf(base: string): (from: string, to: string) => string {
  return (from, to) => {
    expect(base.split(from).length, `'${from}' occurs once in the base text`).toBe(2);
    return base.replace(from, to);
  };
}
