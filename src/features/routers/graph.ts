import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** Each router with its gateway chassis and NAT, tied to the switches of its ports (their addresses, their gateway chassis). */
export function drawRouters(lab: Lab, draw: GraphDraw): void {
  for (const r of lab.routers) {
    draw.node('router', r.name, [`router ${r.name}`, ...(r.chassis ? [`gateway router on ${r.chassis}`] : []), ...r.nat.map((n) => `${n.type} ${n.externalIp}`)]);
    for (const p of r.ports) draw.edge(draw.id('router', r.name), draw.id('switch', p.switch), `${[p.ip, p.ip6].filter(Boolean).join(', ')}${p.gatewayChassis ? ` (gateway on ${p.gatewayChassis.join(', ')})` : ''}`, 'logical');
  }
}
