import type { Lab } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';

/** Each meter (before the ACLs whose logging names it), then each QoS rule on its switch, a unit each. */
export function qosUnits(lab: Lab, unit: () => NbCommand): void {
  for (const m of lab.meters ?? []) unit()('meter-add', ...(m.fair ? ['--fair'] : []), m.name, 'drop', String(m.rate), m.unit, ...(m.burst !== undefined ? [String(m.burst)] : []));
  for (const r of lab.qos ?? []) {
    const actions = [...(r.rate !== undefined ? [`rate=${r.rate}`] : []), ...(r.burst !== undefined ? [`burst=${r.burst}`] : []), ...(r.dscp !== undefined ? [`dscp=${r.dscp}`] : [])];
    unit()('qos-add', r.switch, r.direction, String(r.priority), r.match, ...actions);
  }
}
