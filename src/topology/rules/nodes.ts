import { CENTRAL, UNDERLAY, nameProblem } from '../names.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

export function checkNodeNames(t: RawTopology, at: At): void {
  if (Object.keys(t.chassis).length === 0) at(['chassis'], 'a lab needs at least one chassis');
  const seen = new Map<string, string>([[CENTRAL, 'the central node'], [UNDERLAY, 'the underlay']]);
  const groups: [string, string[]][] = [
    ['chassis', Object.keys(t.chassis)],
    ['vms', Object.keys(t.vms)],
  ];
  for (const [group, names] of groups) {
    for (const name of names) {
      const problem = nameProblem(name);
      if (problem) at([group, name], problem, true);
      const other = seen.get(name.toLowerCase());
      if (other) at([group, name], `the name '${name}' is already used by ${other}; node names must be unique`, true);
      seen.set(name.toLowerCase(), `${group}.${name}`);
    }
  }
}
