import { z } from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, fromToProblems, targetAddress } from './fields.js';

const schema = z.strictObject({
  ...checkFields('ping'),
  from: z.string().describe('node that pings (a VM, chassis or central)'),
  to: z.string().describe('a VM name or an IPv4 address'),
  count: z.number().int().min(1).max(100).default(3).describe('echo requests per attempt'),
  expect: z.enum(['reachable', 'unreachable']).default('reachable'),
});
export type PingCheck = z.infer<typeof schema>;

export const pingSpec: CheckSpecKind<PingCheck> = {
  kind: 'ping',
  summary: 'a node reaches (or does not reach) a VM or address',
  schema,
  validate: (spec, lab) => fromToProblems(lab, spec),
  negative: (spec) => spec.expect === 'unreachable',
  expected(spec, lab) {
    const addr = targetAddress(lab, spec.to);
    return spec.expect === 'reachable'
      ? `${spec.from} gets ${spec.count}/${spec.count} replies from ${addr}`
      : `${spec.from} gets no reply from ${addr}`;
  },
};
