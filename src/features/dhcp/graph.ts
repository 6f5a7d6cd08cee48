import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** Which switches OVN's DHCP serves. */
export function drawDhcp(lab: Lab, draw: GraphDraw): void {
  for (const s of lab.switches) if (s.dhcp) draw.note('switch', s.name, 'OVN DHCP');
}
