import { z } from 'zod';
import type { CheckKind } from '../check.js';
import { chassisListProblems, checkFields } from '../fields.js';

const schema = z.strictObject({
  ...checkFields('tunnels'),
  chassis: z.array(z.string()).min(2).optional().describe('chassis that must form a full Geneve mesh (default: all)'),
});
type TunnelsCheck = z.infer<typeof schema>;

export const tunnelsCheck: CheckKind<TunnelsCheck> = {
  kind: 'tunnels',
  summary: 'every chassis has a Geneve tunnel on br-int to every other, with the right remote IP',
  schema,
  validate(spec, lab) {
    const problems = chassisListProblems(lab, spec.chassis);
    if (!spec.chassis && lab.chassis.length < 2) problems.push({ field: 'kind', message: 'a tunnels check needs at least two chassis' });
    return problems;
  },
  negative: () => false,
  expected(spec, lab) {
    const mesh = lab.chassis.filter((c) => !spec.chassis || spec.chassis.includes(c.name));
    return mesh.map((c) => `${c.name} → ${mesh.filter((o) => o !== c).map((o) => o.ip).join(' ')}`).join('; ');
  },
  async attempt(spec, ctx) {
    const mesh = ctx.lab.chassis.filter((c) => !spec.chassis || spec.chassis.includes(c.name));
    const seen: string[] = [];
    let ok = true;
    for (const c of mesh) {
      const out = await ctx.node(c.name).run(['ovs-vsctl', '--timeout=10', '--bare', '--columns=options', 'find', 'Interface', 'type=geneve']);
      const remotes = [...out.stdout.matchAll(/remote_ip="?([\d.]+)"?/g)].map((m) => m[1]!).sort();
      const wanted = mesh.filter((o) => o !== c).map((o) => o.ip);
      if (!wanted.every((ip) => remotes.includes(ip))) ok = false;
      seen.push(`${c.name} → ${remotes.join(' ') || 'none'}`);
    }
    return { ok, seen: seen.join('; ') };
  },
};
