import type { LabContext } from '../ovn/lab-context.js';
import type { Reporter } from '../base/events.js';
import { realClock, type CheckResult, type Clock } from './check.js';
import type { CheckSpec } from '../topology/model.js';
import { checkKind } from './registry.js';
import { runCheck } from './runner.js';

/** Runs checks in file order, reporting each as a step of a 'test' plan. */
export async function runChecks(ctx: LabContext, checks: CheckSpec[], reporter: Reporter, clock: Clock = realClock): Promise<CheckResult[]> {
  const id = (c: CheckSpec) => `check:${c.name}`;
  reporter.notify({ type: 'plan', lab: ctx.lab.name, action: 'test', steps: checks.map((c) => ({ id: id(c), title: c.name })) });
  const results: CheckResult[] = [];
  for (const check of checks) {
    reporter.notify({ type: 'step-start', id: id(check) });
    const result = await runCheck(checkKind(check.kind), check, ctx, clock, (attempt, seen) =>
      reporter.notify({ type: 'step-progress', id: id(check), message: `[WAITING] attempt ${attempt}: ${seen}` }),
    );
    results.push(result);
    if (result.passed) reporter.notify({ type: 'step-done', id: id(check), detail: result.seen, durationMs: result.durationMs });
    else reporter.notify({ type: 'step-fail', id: id(check), error: new Error(`expected ${result.expected}; saw ${result.seen}`), durationMs: result.durationMs });
  }
  return results;
}
