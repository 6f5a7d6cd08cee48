import type { CheckProbe } from '../check.js';

import { chassisSpec, type ChassisCheck } from '../../topology/checks/chassis.js';

export const chassisProbe: CheckProbe<ChassisCheck> = {
  kind: 'chassis',
  async attempt(spec, ctx) {
    const out = await ctx.central().run(['ovn-sbctl', '--timeout=10', '--format=csv', '--data=bare', '--no-headings', '--columns=chassis_name,type,ip', 'list', 'Encap']);
    const seenList = out.stdout.split('\n').filter(Boolean).map((l) => l.split(',')).map(([name, type, ip]) => `${name} ${type} ${ip}`).sort();
    const wanted = chassisSpec.expected(spec, ctx.lab).split(', ');
    return { ok: wanted.every((w) => seenList.includes(w)), seen: seenList.join(', ') || 'no chassis registered' };
  },
};
