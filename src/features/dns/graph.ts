import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/**
 * Each record set as a folder of names (the picture's shape for a set), tied to the switches it
 * serves; its id is prefixed so that a port group of the same name stays another node.
 */
export function drawDns(lab: Lab, draw: GraphDraw): void {
  for (const rs of lab.dns ?? []) {
    const names = Object.keys(rs.records).filter((n) => !n.endsWith('.arpa'));
    const reverse = Object.keys(rs.records).length - names.length;
    const shown = names.slice(0, 4).map((n) => `${n} → ${rs.records[n]}`);
    const more = names.length > 4 ? [`… ${names.length - 4} more`] : [];
    draw.node('portgroup', `dns-${rs.name}`, [`DNS ${rs.name}`, ...shown, ...more, ...(reverse ? [`${reverse} reverse (PTR)`] : [])]);
    for (const sw of rs.switches) draw.edge(draw.id('portgroup', `dns-${rs.name}`), draw.id('switch', sw), 'dns_records', 'logical');
  }
}
