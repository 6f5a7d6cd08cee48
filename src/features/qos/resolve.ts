import type { RawCore } from '../../topology/schema-core.js';
import type { Meter, QosRule } from './model.js';
import { ruleMatch, ruleSwitch } from './rules.js';
import type { RawQos } from './schema.js';

/** The lab's QoS rules (on logical switches, matches whole) and meters; each field only when the file has some. */
export function resolveQos(t: RawCore & RawQos): { qos?: QosRule[]; meters?: Meter[] } {
  const qos = t.qos.map((r): QosRule => ({
    // The rules refused a rule on no switch.
    switch: ruleSwitch(t, r) ?? '',
    direction: r.direction,
    priority: r.priority,
    match: ruleMatch(t, r),
    ...(r.rate !== undefined ? { rate: r.rate } : {}),
    ...(r.burst !== undefined ? { burst: r.burst } : {}),
    ...(r.dscp !== undefined ? { dscp: r.dscp } : {}),
  }));
  const meters = Object.entries(t.meters).map(([name, m]): Meter => ({ name, rate: m.rate, unit: m.unit, ...(m.burst !== undefined ? { burst: m.burst } : {}), fair: m.fair }));
  return { ...(qos.length ? { qos } : {}), ...(meters.length ? { meters } : {}) };
}
