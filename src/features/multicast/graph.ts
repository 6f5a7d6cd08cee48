import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/**
 * Each snooping switch's settings as a set (the picture's shape for one) tied to the switch, and
 * to the VMs that join a group at up; its id is prefixed so that a port group of the same name
 * stays another node.
 */
export function drawMulticast(lab: Lab, draw: GraphDraw): void {
  for (const s of lab.multicast ?? []) {
    const id = draw.id('portgroup', `mcast-${s.switch}`);
    const settings = Object.entries(s.otherConfig).map(([k, v]) => `${k}=${v}`);
    draw.node('portgroup', `mcast-${s.switch}`, [`IGMP snooping on ${s.switch}`, ...settings, ...s.groups.map((g) => `${g.group}: ${g.members.join(', ')}`)]);
    draw.edge(id, draw.id('switch', s.switch), 'other_config', 'logical');
    for (const g of s.groups) for (const vm of g.members) draw.edge(id, draw.id('vm', vm), `joins ${g.group}`, 'logical');
  }
}
