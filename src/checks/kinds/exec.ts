import { z } from 'zod';
import { commandArgv } from '../../exec/exec.js';
import type { CheckKind } from '../check.js';
import { checkFields, nodeNames, unknownName } from '../fields.js';

const schema = z.strictObject({
  ...checkFields('exec'),
  node: z.string().describe('node to run in (VM, chassis or central)'),
  command: z.union([z.string(), z.array(z.string()).min(1)]).describe('a shell line (run with sh -c) or an argv list'),
  exit: z.number().int().min(0).max(255).default(0).describe('expected exit code'),
  output: z.string().optional().describe('regular expression the output (stdout and stderr) must match'),
});
type ExecCheck = z.infer<typeof schema>;

export const execCheck: CheckKind<ExecCheck> = {
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
  async attempt(spec, ctx) {
    const out = await ctx.node(spec.node).run(commandArgv(spec.command), { nothrow: true, timeoutMs: 30_000 });
    const text = `${out.stdout}${out.stderr}`;
    const firstLines = text.trim().split('\n').slice(0, 3).join(' | ');
    const ok = out.exitCode === spec.exit && (spec.output === undefined || new RegExp(spec.output, 'm').test(text));
    return { ok, seen: `exit ${out.exitCode}${firstLines ? `: ${firstLines.slice(0, 200)}` : ''}` };
  },
};
