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
