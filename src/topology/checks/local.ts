import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, fromToProblems, pingFields, targetAddress } from './fields.js';

const schema = z.strictObject({
  ...checkFields('local'),
  ...pingFields(),
});
export type LocalCheck = z.infer<typeof schema>;

export const localSpec: CheckSpecKind<LocalCheck> = {
  kind: 'local',
  summary: 'a ping is answered without any packet crossing a Geneve tunnel (e.g. to a localport)',
  schema,
  validate: (spec, lab) => fromToProblems(lab, spec),
  negative: () => false,
  expected: (spec, lab) => `${spec.from} gets ${spec.count}/${spec.count} replies from ${targetAddress(lab, spec.to, spec.family)}, no chassis sends a packet into a tunnel meanwhile`,
};
