import { CENTRAL, UNDERLAY, clusterMembers, nameProblem } from '../names.js';
import { localportInstance } from '../resolve.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

/**
 * Every name that becomes a node (a namespace or container): chassis, VMs, hosts, services, namespaces and
 * each localport's instance per chassis, in one set, so no two of them can take one name.
 */
export function checkNodeNames(t: RawTopology, at: At): void {
  if (Object.keys(t.chassis).length === 0) at(['chassis'], 'a lab needs at least one chassis');
  const seen = new Map<string, string>([
    [CENTRAL, 'the central node'],
    [UNDERLAY, 'the underlay'],
    ...clusterMembers(t.central.cluster)
      .slice(1)
      .map((m) => [m, 'a member of the central cluster'] as [string, string]),
  ]);
  if (t.central.cluster > 1 && t.central.ssl) at(['central', 'ssl'], 'a clustered central with SSL is not supported yet: use one of cluster or ssl');
  for (const group of ['chassis', 'vms', 'hosts', 'services', 'namespaces'] as const) {
    for (const name of Object.keys(t[group])) {
      const problem = nameProblem(name);
      if (problem) at([group, name], problem, true);
      const other = seen.get(name.toLowerCase());
      if (other) at([group, name], `the name '${name}' is already used by ${other}; node names must be unique`, true);
      else seen.set(name.toLowerCase(), `${group}.${name}`);
    }
  }
  for (const [name, lp] of Object.entries(t.localports)) {
    for (const chassis of lp.chassis ?? Object.keys(t.chassis)) {
      if (!(chassis in t.chassis)) continue; // reported with the localport
      const instance = localportInstance(name, chassis);
      if (instance.length > 15) at(['localports', name], `its instance on ${chassis} would be named '${instance}', longer than 15 characters; use a shorter localport name`, true);
      const other = seen.get(instance.toLowerCase());
      if (other) at(['localports', name], `its instance on ${chassis} would be named '${instance}', which is already used by ${other}; rename one of them`, true);
      else seen.set(instance.toLowerCase(), `the instance of localport '${name}' on ${chassis}`);
    }
  }
}
