import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** What a rule does, in a few words: `≤ 2000 kbit/s (burst 200)`, `DSCP 46`. */
function doing(r: { rate?: number; burst?: number; dscp?: number }): string {
  const limit = r.rate !== undefined ? `≤ ${r.rate} kbit/s${r.burst !== undefined ? ` (burst ${r.burst})` : ''}` : undefined;
  return [limit, r.dscp !== undefined ? `DSCP ${r.dscp}` : undefined].filter(Boolean).join(', ');
}

/** The QoS rules of each switch as one box tied to it, a line per rule. */
export function drawQos(lab: Lab, draw: GraphDraw): void {
  const switches = [...new Set((lab.qos ?? []).map((r) => r.switch))];
  for (const sw of switches) {
    const rules = (lab.qos ?? []).filter((r) => r.switch === sw);
    draw.node('portgroup', `qos-${sw}`, [`QoS ${sw}`, ...rules.map((r) => `${r.direction} ${r.priority} ${r.match}: ${doing(r)}`)]);
    draw.edge(draw.id('portgroup', `qos-${sw}`), draw.id('switch', sw), 'qos_rules', 'logical');
  }
}
