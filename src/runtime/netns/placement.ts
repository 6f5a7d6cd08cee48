import { UserError } from '../../base/errors.js';
import type { Engine, Lab } from '../../topology/model.js';

/** Every node on this machine: a lab or an option naming Docker engines is refused. */
export function placeNetnsLab(lab: Lab, engines?: Engine[]): Lab {
  if (engines) throw new UserError('--engines places nodes on Docker engines: it needs the docker runtime', 'add --runtime docker');
  if (lab.engines) throw new UserError(`lab '${lab.name}' names Docker engines, which the netns runtime cannot use`, 'run it with the docker runtime, or remove engines: from the file');
  return lab;
}
