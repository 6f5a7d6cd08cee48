import { UserError } from '../../base/errors.js';
import type { Engine, Lab } from '../../topology/model.js';
import { placeBuilds } from './build-trees.js';

/**
 * Every node on this machine: a lab or an option naming Docker engines is refused. Nodes on build
 * trees are placed with their trees looked at (refused, before anything is made, when one is not built).
 */
export function placeNetnsLab(lab: Lab, engines?: Engine[]): Lab {
  if (engines) throw new UserError('--engines places nodes on Docker engines: it needs the docker runtime', 'add --runtime docker');
  if (lab.engines) throw new UserError(`lab '${lab.name}' names Docker engines, which the netns runtime cannot use`, 'run it with the docker runtime, or remove engines: from the file');
  return placeBuilds(lab);
}
