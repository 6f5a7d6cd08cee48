import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** Each localport's instances, drawn as the VM-like nodes they are, said to be a localport's. */
export function drawLocalports(lab: Lab, draw: GraphDraw): void {
  for (const v of lab.vms) if (v.localport) draw.role('vm', v.name, 'localport');
}
