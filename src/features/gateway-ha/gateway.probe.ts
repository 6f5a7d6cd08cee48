import type { CheckProbe } from '../../checks/check.js';
import { gatewayResidence, type GatewayResidence } from '../../ovn/gateway-ha.js';
import { redirectPort, type GatewayCheck } from './gateway-check.js';

/** When a check saw something: its first attempt's chassis, the last fault step; times in ms (performance.now()). */
export interface Timeline {
  first: { at: number; chassis: string };
  fault?: { step: string; at: number };
  now: number;
}

/**
 * Each check's first look, kept across its attempts (the runner tries the same spec object again),
 * so that a check that waits for the port to move says how long the move took.
 */
const firstLooks = new WeakMap<GatewayCheck, Timeline['first']>();

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `; 1.9 s after step "hv1 fails"`, or nothing before any fault step. */
export function sinceFault(fault: Timeline['fault'], now: number): string {
  return fault ? `; ${seconds(now - fault.at)} after step "${fault.step}"` : '';
}

/**
 * Where a gateway port is, and when: `cr-r1-public on hv2, HA chassis hv1 (20) > hv2 (10); moved
 * from hv1 in 0.6 s; 1.9 s after step "hv1 fails"`. The time after the last fault step is an
 * upper bound of the failover: the port was on the chassis by then, maybe earlier.
 */
export function residenceLine(crPort: string, seen: GatewayResidence, t: Timeline): string {
  const where = seen.chassis ?? 'no chassis';
  const ha = seen.ha.length ? `, HA chassis ${seen.ha.map((h) => `${h.chassis} (${h.priority})`).join(' > ')}` : ', no HA chassis';
  const moved = where !== t.first.chassis ? `; moved from ${t.first.chassis} in ${seconds(t.now - t.first.at)}` : '';
  return `${crPort} on ${where}${ha}${moved}${sinceFault(t.fault, t.now)}`;
}

export const gatewayProbe: CheckProbe<GatewayCheck> = {
  kind: 'gateway',
  async attempt(spec, ctx) {
    const port = redirectPort(spec.port);
    const seen = await gatewayResidence(ctx.central(), port);
    if (!seen) return { ok: false, seen: `no Port_Binding for ${port} in the SB (is ${spec.port} a gateway port?)` };
    const now = performance.now();
    const first = firstLooks.get(spec) ?? { at: now, chassis: seen.chassis ?? 'no chassis' };
    firstLooks.set(spec, first);
    const ha = seen.ha.map((h) => h.chassis);
    const haOk = spec.ha_chassis === undefined || (ha.length === spec.ha_chassis.length && ha.every((c, i) => c === spec.ha_chassis?.[i]));
    return { ok: seen.chassis === spec.chassis && haOk, seen: residenceLine(port, seen, { first, now, ...(ctx.lastFault ? { fault: ctx.lastFault } : {}) }) };
  },
};
