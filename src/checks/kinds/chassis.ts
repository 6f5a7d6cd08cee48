import { encaps } from '../../ovn/queries.js';
import type { ChassisCheck } from '../../topology/checks/chassis.js';
import type { CheckProbe } from '../check.js';

export const chassisProbe: CheckProbe<ChassisCheck> = {
  kind: 'chassis',
  async attempt(spec, ctx) {
    const wanted = ctx.lab.chassis.filter((c) => !spec.chassis || spec.chassis.includes(c.name));
    const seen = await encaps(ctx.central());
    const registered = wanted.every((c) => seen.includes(`${c.name} ${c.encap} ${c.ip}`));
    const text = seen.join(', ') || 'no chassis registered';
    if (!spec.connected) return { ok: registered, seen: text };
    // What each ovn-controller says of its SB connection (after a leader change it reconnects to another member).
    const states = await Promise.all(wanted.map(async (c) => `${c.name} ${(await ctx.node(c.name).run(['ovn-appctl', '-t', 'ovn-controller', 'connection-status'], { nothrow: true })).stdout.trim() || 'no answer'}`));
    return { ok: registered && states.every((s) => s.endsWith(' connected')), seen: `${text}; ${states.join(', ')}` };
  },
};
