import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** A clustered central's other members, each a machine of its own, and Raft between every two of them. */
export function drawCluster(lab: Lab, draw: GraphDraw): void {
  const members = lab.central.members ?? [];
  for (const m of members.slice(1)) draw.node('central', m.name, [m.name, m.ip, 'NB/SB ovsdb, ovn-northd']);
  members.forEach((a, i) => {
    for (const b of members.slice(i + 1)) draw.edge(draw.id('central', a.name), draw.id('central', b.name), 'Raft', 'control');
  });
}
