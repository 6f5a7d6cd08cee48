import { CENTRAL, UNDERLAY, nameProblem, type UnderlayNode } from '../names.js';
import type { RawLinks } from '../../features/links/schema.js';
import type { RawServices } from '../../features/services/schema.js';
import type { RawCore } from '../schema-core.js';
import type { At } from './at.js';

/**
 * Every name that becomes a node (a namespace or container): chassis, VMs, hosts, services,
 * namespaces and the features' nodes on the underlay, in one set, so no two of them can take one
 * name. Returns them (lowercased) with what has each, the first one given: features check the nodes
 * they make against it (each localport's instance per chassis).
 */
export function checkNodeNames(t: RawCore & Partial<RawServices & RawLinks>, at: At, underlayNodes: UnderlayNode[]): ReadonlyMap<string, string> {
  if (Object.keys(t.chassis).length === 0) at(['chassis'], 'a lab needs at least one chassis');
  const seen = new Map<string, string>([[CENTRAL, 'the central node'], [UNDERLAY, 'the underlay'], ...underlayNodes.map((n) => [n.name, n.what] as [string, string])]);
  for (const group of ['chassis', 'vms', 'hosts', 'services', 'namespaces'] as const) {
    for (const name of Object.keys(t[group] ?? {})) {
      const problem = nameProblem(name);
      if (problem) at([group, name], problem, true);
      const other = seen.get(name.toLowerCase());
      if (other) at([group, name], `the name '${name}' is already used by ${other}; node names must be unique`, true);
      else seen.set(name.toLowerCase(), `${group}.${name}`);
    }
  }
  return seen;
}
