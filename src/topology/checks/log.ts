import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, nodeProblems } from './fields.js';

const schema = z.strictObject({
  ...checkFields('log'),
  node: z.string().describe('the node whose log is read'),
  file: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+\.log$/, "a log file name in the node's run directory, like dnsmasq.log")
    .describe("the log, by its name in the node's run directory: dnsmasq.log, ovn-controller.log, dhclient.log…"),
  match: z.string().describe('regular expression a line must match'),
  expect: z.enum(['present', 'absent']).default('present'),
});
export type LogCheck = z.infer<typeof schema>;

export const logSpec: CheckSpecKind<LogCheck> = {
  kind: 'log',
  summary: 'a log a lab daemon or service writes in its node (dnsmasq, ovn-controller, dhclient…) has (or lacks) a matching line',
  schema,
  validate(spec, lab) {
    const problems = nodeProblems(lab, { node: spec.node });
    try {
      new RegExp(spec.match);
    } catch (e) {
      problems.push({ field: 'match', message: `not a regular expression: ${(e as Error).message}` });
    }
    return problems;
  },
  negative: (spec) => spec.expect === 'absent',
  expected: (spec) => `${spec.expect === 'present' ? 'a' : 'no'} line matching /${spec.match}/ in ${spec.node}'s ${spec.file}`,
};
