import { z } from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, fromToProblems, pingFields, targetAddress } from './fields.js';

const schema = z.strictObject({
  ...checkFields('ping'),
  ...pingFields(),
  expect: z.enum(['reachable', 'unreachable']).default('reachable'),
  ttl: z.number().int().min(1).max(255).optional().describe('the TTL (hop limit) every reply must arrive with, e.g. 63 after one router'),
});
export type PingCheck = z.infer<typeof schema>;

export const pingSpec: CheckSpecKind<PingCheck> = {
  kind: 'ping',
  summary: 'a node reaches (or does not reach) a VM or address',
  schema,
  validate: (spec, lab) => fromToProblems(lab, spec),
  negative: (spec) => spec.expect === 'unreachable',
  expected(spec, lab) {
    const addr = targetAddress(lab, spec.to, spec.family);
    return spec.expect === 'reachable'
      ? `${spec.from} gets ${spec.count}/${spec.count} replies from ${addr}${spec.ttl !== undefined ? ` with ttl ${spec.ttl}` : ''}`
      : `${spec.from} gets no reply from ${addr}`;
  },
};
