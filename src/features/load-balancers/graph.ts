import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** Each load balancer with its VIPs, tied to the switches and routers it is attached to. */
export function drawLoadBalancers(lab: Lab, draw: GraphDraw): void {
  for (const lb of lab.loadBalancers) {
    draw.node('lb', lb.name, [`load balancer ${lb.name}`, ...lb.vips.map((v) => `${v.vip} → ${v.backends.length} backends`)]);
    for (const sw of lb.switches) draw.edge(draw.id('lb', lb.name), draw.id('switch', sw), 'ls-lb', 'logical');
    for (const r of lb.routers) draw.edge(draw.id('lb', lb.name), draw.id('router', r), 'lr-lb', 'logical');
  }
}
