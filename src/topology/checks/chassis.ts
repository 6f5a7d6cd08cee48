import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { chassisListProblems, checkFields } from './fields.js';

const schema = z.strictObject({
  ...checkFields('chassis'),
  chassis: z.array(z.string()).min(1).optional().describe('chassis that must be registered (default: all)'),
  connected: z.boolean().default(false).describe("also: each one's ovn-controller is connected to the SB database now (connection-status)"),
});
export type ChassisCheck = z.infer<typeof schema>;

export const chassisSpec: CheckSpecKind<ChassisCheck> = {
  kind: 'chassis',
  summary: 'chassis are registered in the SB database with an encap (Geneve or VXLAN) on their underlay address',
  schema,
  validate(spec, lab) {
    return chassisListProblems(lab, spec.chassis);
  },
  negative: () => false,
  expected(spec, lab) {
    const wanted = lab.chassis.filter((c) => !spec.chassis || spec.chassis.includes(c.name));
    return wanted.map((c) => `${c.name} ${c.encap} ${c.ip}`).join(', ') + (spec.connected ? '; each connected to SB' : '');
  },
};
