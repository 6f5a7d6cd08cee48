import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** Each HA chassis group as a set of chassis by priority, tied to the routers whose ports it serves. */
export function drawGatewayHa(lab: Lab, draw: GraphDraw): void {
  for (const g of lab.haChassisGroups ?? []) {
    const id = draw.id('portgroup', `ha-${g.name}`);
    draw.node('portgroup', `ha-${g.name}`, [`HA chassis group ${g.name}`, g.chassis.map((c) => `${c.name} (${c.priority})`).join(' > ')]);
    for (const p of g.ports) {
      const router = lab.routers.find((r) => r.ports.some((q) => q.name === p));
      if (router) draw.edge(id, draw.id('router', router.name), `ha_chassis_group of ${p}`, 'logical');
    }
  }
}
