import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** Each plain namespace, and the links outside OVN between VMs and namespaces. */
export function drawLinks(lab: Lab, draw: GraphDraw): void {
  for (const ns of lab.namespaces) draw.node('namespace', ns.name, [`namespace ${ns.name}`, ...(ns.forwarding ? ['forwarding'] : [])]);
  const nodeId = (name: string) => (lab.namespaces.some((n) => n.name === name) ? draw.id('namespace', name) : draw.id('vm', name));
  for (const l of lab.links) {
    const [a, b] = l.ends;
    const label = l.ends.map((e) => `${e.iface}${e.address ? ` ${e.address}` : ''}`).join(' — ');
    draw.edge(nodeId(a.node), nodeId(b.node), label, 'wire');
  }
}
