import { z } from 'zod';
import type { CheckSpecKind } from './spec.js';
import { chassisListProblems, checkFields } from './fields.js';

const schema = z.strictObject({
  ...checkFields('tunnels'),
  chassis: z.array(z.string()).min(2).optional().describe('chassis that must form a full Geneve mesh (default: all)'),
});
export type TunnelsCheck = z.infer<typeof schema>;

export const tunnelsSpec: CheckSpecKind<TunnelsCheck> = {
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
};
