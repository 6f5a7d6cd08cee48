import { encaps } from '../../ovn/queries.js';
import { chassisSpec, type ChassisCheck } from '../../topology/checks/chassis.js';
import type { CheckProbe } from '../check.js';

export const chassisProbe: CheckProbe<ChassisCheck> = {
  kind: 'chassis',
  async attempt(spec, ctx) {
    const seen = await encaps(ctx.central());
    const wanted = chassisSpec.expected(spec, ctx.lab).split(', ');
    return { ok: wanted.every((w) => seen.includes(w)), seen: seen.join(', ') || 'no chassis registered' };
  },
};
