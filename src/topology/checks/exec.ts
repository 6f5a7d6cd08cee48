import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, nodeNames, unknownName } from './fields.js';

const schema = z.strictObject({
  ...checkFields('exec'),
  node: z.string().describe('node to run in (VM, chassis or central)'),
  command: z.union([z.string(), z.array(z.string()).min(1)]).describe('a shell line (run with sh -c) or an argv list'),
  exit: z.number().int().min(0).max(255).default(0).describe('expected exit code'),
  output: z.string().optional().describe('regular expression the output (stdout and stderr) must match'),
});
export type ExecCheck = z.infer<typeof schema>;

export const execSpec: CheckSpecKind<ExecCheck> = {
  kind: 'exec',
  summary: 'a command in a node exits with the expected code and/or prints matching output',
  schema,
  validate(spec, lab) {
    const problems = [];
    const node = unknownName('node', spec.node, nodeNames(lab));
    if (node) problems.push({ field: 'node', message: node });
    if (spec.output !== undefined) {
      try {
        new RegExp(spec.output);
      } catch (e) {
        problems.push({ field: 'output', message: `not a regular expression: ${(e as Error).message}` });
      }
    }
    return problems;
  },
  negative: () => false,
  expected: (spec) => `exit ${spec.exit}${spec.output !== undefined ? `, output matches /${spec.output}/` : ''}`,
};
