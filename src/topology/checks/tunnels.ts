import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { chassisListProblems, checkFields } from './fields.js';
import { tunnelPeers } from '../model.js';

const schema = z.strictObject({
  ...checkFields('tunnels'),
  chassis: z.array(z.string()).min(2).optional().describe('chassis that must form a full mesh of tunnels (default: all)'),
  options: z
    .record(z.string().regex(/^[a-z_]+$/, 'an option name like csum'), z.string())
    .optional()
    .describe('options every tunnel port must have, as ovs-vsctl shows them, e.g. { csum: "true", key: flow }'),
});
export type TunnelsCheck = z.infer<typeof schema>;

/** How a tunnel port's options read in the check's lines: csum=true key=flow. */
export const optionsText = (o: Record<string, string>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

export const tunnelsSpec: CheckSpecKind<TunnelsCheck> = {
  kind: 'tunnels',
  summary: "every chassis has a tunnel port on br-int (of the chassis' encap type) to every other it shares a transport zone with, and none to the rest, with the right remote IP and options",
  schema,
  validate(spec, lab) {
    const problems = chassisListProblems(lab, spec.chassis);
    if (!spec.chassis && lab.chassis.length < 2) problems.push({ field: 'kind', message: 'a tunnels check needs at least two chassis' });
    return problems;
  },
  negative: () => false,
  expected(spec, lab) {
    const mesh = lab.chassis.filter((c) => !spec.chassis || spec.chassis.includes(c.name));
    const options = spec.options ? ` (${optionsText(spec.options)})` : '';
    return mesh
      .map(
        (c) =>
          `${c.name} → ${c.encap} ${
            tunnelPeers(c, mesh)
              .map((o) => o.ip)
              .join(' ') || 'none'
          }${options}`,
      )
      .join('; ');
  },
};
