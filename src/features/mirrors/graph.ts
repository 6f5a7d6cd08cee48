import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** Each mirror as a line from every mirrored VM to its collector, across the underlay (a central member's is the central's node). */
export function drawMirrors(lab: Lab, draw: GraphDraw): void {
  for (const m of lab.mirrors ?? []) {
    const to = lab.chassis.some((c) => c.name === m.sink) ? draw.id('chassis', m.sink) : draw.id('central', lab.central.name);
    const how = m.type === 'gre' ? `gre key ${m.index}` : `erspan session ${m.index}`;
    for (const p of m.ports) draw.edge(draw.id('vm', p.vm), to, `mirror ${m.name}: ${m.filter}, ${how}`, 'tunnel');
  }
}
