import * as z from 'zod';
import { checkFields, familyField, fromToProblems, targetAddress } from './fields.js';
import type { CheckSpecKind } from './spec.js';

const schema = z.strictObject({
  ...checkFields('connect'),
  from: z.string().describe('node that connects (a VM, host, chassis or central)'),
  to: z.string().describe('a VM or host name, or an IPv4 or IPv6 address'),
  family: familyField,
  port: z.number().int().min(1).max(65535),
  proto: z.enum(['tcp', 'udp']).default('tcp'),
  expect: z
    .enum(['open', 'refused', 'unreachable', 'timeout'])
    .default('open')
    .describe("open: a server answers; refused: a TCP reset or an ICMP port unreachable (what OVN's reject sends); unreachable: the sender's stack gave up (no ARP answer, no route); timeout: nothing comes back (dropped)"),
  answer: z.string().optional().describe('with open: the node that must answer (servers answer with their node name)'),
});
export type ConnectCheck = z.infer<typeof schema>;

export const connectSpec: CheckSpecKind<ConnectCheck> = {
  kind: 'connect',
  summary: 'a TCP or UDP connection from a node is answered (open), refused (reset / ICMP unreachable) or gets nothing (timeout)',
  schema,
  validate(spec, lab) {
    const problems = fromToProblems(lab, spec);
    if (spec.answer !== undefined && spec.expect !== 'open') problems.push({ field: 'answer', message: 'answer goes with expect: open' });
    return problems;
  },
  // A timeout (a dropped packet) must hold for the whole check, like any negative check.
  negative: (spec) => spec.expect === 'timeout',
  expected: (spec, lab) => `${spec.proto} ${targetAddress(lab, spec.to, spec.family)}:${spec.port} from ${spec.from}: ${spec.expect}${spec.answer ? ` (answered by ${spec.answer})` : ''}`,
};
