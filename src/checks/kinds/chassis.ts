import { z } from 'zod';
import type { CheckKind } from '../check.js';
import { chassisListProblems, checkFields } from '../fields.js';

const schema = z.strictObject({
  ...checkFields('chassis'),
  chassis: z.array(z.string()).min(1).optional().describe('chassis that must be registered (default: all)'),
});
type ChassisCheck = z.infer<typeof schema>;

export const chassisCheck: CheckKind<ChassisCheck> = {
  kind: 'chassis',
  summary: 'chassis are registered in the SB database with a Geneve encap on their underlay address',
  schema,
  validate(spec, lab) {
    return chassisListProblems(lab, spec.chassis);
  },
  negative: () => false,
  expected(spec, lab) {
    const wanted = lab.chassis.filter((c) => !spec.chassis || spec.chassis.includes(c.name));
    return wanted.map((c) => `${c.name} geneve ${c.ip}`).join(', ');
  },
  async attempt(spec, ctx) {
    const out = await ctx.central().run(['ovn-sbctl', '--timeout=10', '--format=csv', '--data=bare', '--no-headings', '--columns=chassis_name,type,ip', 'list', 'Encap']);
    const seenList = out.stdout.split('\n').filter(Boolean).map((l) => l.split(',')).map(([name, type, ip]) => `${name} ${type} ${ip}`).sort();
    const wanted = chassisCheck.expected(spec, ctx.lab).split(', ');
    return { ok: wanted.every((w) => seenList.includes(w)), seen: seenList.join(', ') || 'no chassis registered' };
  },
};
