import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, nodeProblems } from './fields.js';

const schema = z.strictObject({
  ...checkFields('route'),
  node: z.string().describe('the node whose routing table is looked at'),
  to: z
    .string()
    .regex(/^(default|\d{1,3}(\.\d{1,3}){3})$/, "'default' or an IPv4 address")
    .describe("'default', or an address the node would route to"),
  via: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address')
    .optional()
    .describe('the gateway the route must go through'),
  expect: z.enum(['present', 'absent']).default('present').describe('absent: the node has no such route (ip route get fails)'),
});
export type RouteCheck = z.infer<typeof schema>;

export const routeSpec: CheckSpecKind<RouteCheck> = {
  kind: 'route',
  summary: "a node's routing table has (or has no) route to an address or a default route, through a gateway",
  schema,
  validate: (spec, lab) => nodeProblems(lab, { node: spec.node }),
  negative: (spec) => spec.expect === 'absent',
  expected: (spec) => `${spec.node}: ${spec.expect === 'absent' ? 'no route' : 'a route'} to ${spec.to}${spec.via ? ` via ${spec.via}` : ''}`,
};
