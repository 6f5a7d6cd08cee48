import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, fromToProblems, pingFields, targetAddress } from './fields.js';

const schema = z.strictObject({
  ...checkFields('ping'),
  ...pingFields(),
  expect: z.enum(['reachable', 'unreachable']).default('reachable'),
  ttl: z.number().int().min(1).max(255).optional().describe('the TTL (hop limit) every reply must arrive with, e.g. 63 after one router'),
  size: z.number().int().min(0).max(8972).optional().describe("payload bytes, sent with DF (don't fragment): the packet is size + 28 (IPv4) or + 48 (IPv6), so 1372 fills a 1400-byte MTU"),
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
      ? `${spec.from} gets ${spec.count}/${spec.count} replies from ${addr}${spec.size !== undefined ? ` to ${spec.size + (spec.family === 6 ? 48 : 28)}-byte packets with DF` : ''}${spec.ttl !== undefined ? ` with ttl ${spec.ttl}` : ''}`
      : `${spec.from} gets no reply from ${addr}`;
  },
};
