import { commandArgv } from '../../base/exec.js';
import type { CheckProbe } from '../check.js';
import type { ExecCheck } from '../../topology/checks/exec.js';

export const execProbe: CheckProbe<ExecCheck> = {
  kind: 'exec',
  async attempt(spec, ctx) {
    const out = await ctx.node(spec.node).run(commandArgv(spec.command), { nothrow: true, timeoutMs: 30_000 });
    const text = `${out.stdout}${out.stderr}`;
    const firstLines = text.trim().split('\n').slice(0, 3).join(' | ');
    const ok = out.exitCode === spec.exit && (spec.output === undefined || new RegExp(spec.output, 'm').test(text));
    return { ok, seen: `exit ${out.exitCode}${firstLines ? `: ${firstLines.slice(0, 200)}` : ''}` };
  },
};
