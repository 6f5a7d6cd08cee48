import * as z from 'zod';
import { parseIpv4, portProblem } from '../net.js';
import { checkFields, nodeProblems } from './fields.js';
import type { CheckSpecKind } from './spec.js';

const schema = z.strictObject({
  ...checkFields('http'),
  from: z.string().describe('node that sends the requests'),
  to: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/, 'address:port, like a VIP 10.60.0.100:80')
    .describe('address:port, e.g. a load balancer VIP'),
  count: z.number().int().min(1).max(500).default(12).describe('requests, each on a new connection'),
  backends: z.array(z.string()).min(1).describe('the nodes that may answer (lab servers answer with their name)'),
  all: z.boolean().default(true).describe('every backend answers at least once'),
});
export type HttpCheck = z.infer<typeof schema>;

export const httpSpec: CheckSpecKind<HttpCheck> = {
  kind: 'http',
  summary: 'HTTP requests to an address (a VIP) are all answered by the given backends, each of them at least once',
  schema,
  validate(spec, lab) {
    const problems = nodeProblems(lab, { from: spec.from, ...Object.fromEntries(spec.backends.map((b, i) => [`backends.${i}`, b])) });
    const [addr, port] = spec.to.split(':');
    const to = parseIpv4(addr!) === undefined ? `'${spec.to}' has no valid IPv4 address` : portProblem(port!);
    if (to) problems.push({ field: 'to', message: to });
    return problems;
  },
  negative: () => false,
  expected: (spec) => `${spec.count} requests from ${spec.from} to ${spec.to}, every answer from ${spec.backends.join(', ')}${spec.all ? ', each at least once' : ''}`,
};
