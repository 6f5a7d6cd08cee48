import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** Each provider network, the switches that reach it (their localnet ports) and the chassis that map it (their bridges). */
export function drawProviders(lab: Lab, draw: GraphDraw): void {
  for (const n of lab.networks) draw.node('network', n, [`provider network ${n}`]);
  for (const sw of lab.switches) if (sw.provider) draw.edge(draw.id('switch', sw.name), draw.id('network', sw.provider), 'localnet', 'logical');
  for (const c of lab.chassis) for (const m of c.bridgeMappings) draw.edge(draw.id('chassis', c.name), draw.id('network', m.network), m.bridge, 'wire');
}
