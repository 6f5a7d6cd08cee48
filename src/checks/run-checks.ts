import type { LabContext } from '../ovn/lab-context.js';
import type { Reporter } from '../base/events.js';
import { realClock, type CheckResult, type Clock } from './check.js';
import type { CheckSpec } from '../topology/model.js';
import { checkKind } from './registry.js';
import { ovnVersion } from '../ovn/queries.js';
import { runCheck } from './runner.js';

/** Runs checks in file order, reporting each as a step of a 'test' plan. */
export async function runChecks(ctx: LabContext, checks: CheckSpec[], reporter: Reporter, clock: Clock = realClock): Promise<CheckResult[]> {
  const id = (c: CheckSpec) => `check:${c.name}`;
  reporter.notify({ type: 'plan', lab: ctx.lab.name, action: 'test', steps: checks.map((c) => ({ id: id(c), title: c.name })) });
  const results: CheckResult[] = [];
  const version = checks.some((c) => c.ovn) ? await ovnVersion(ctx.central()) : undefined;
  for (const check of checks) {
    reporter.notify({ type: 'step-start', id: id(check) });
    if (check.ovn && version && !inRange(version, check.ovn)) {
      const why = `for OVN ${check.ovn}; this lab runs OVN ${version}`;
      results.push({ name: check.name, kind: check.kind, passed: true, skipped: why, expected: (await checkKind(check.kind)).expected(check, ctx.lab), seen: why, attempts: 0, durationMs: 0 });
      reporter.notify({ type: 'step-done', id: id(check), detail: why, durationMs: 0, skipped: true });
      continue;
    }
    const result = await runCheck(await checkKind(check.kind), check, ctx, clock, (attempt, seen) => reporter.notify({ type: 'step-progress', id: id(check), message: `[WAITING] attempt ${attempt}: ${seen}` }));
    results.push(result);
    if (result.passed) reporter.notify({ type: 'step-done', id: id(check), detail: result.seen, durationMs: result.durationMs });
    else reporter.notify({ type: 'step-fail', id: id(check), error: new Error(`expected ${result.expected}; saw ${result.seen}`), durationMs: result.durationMs });
  }
  return results;
}

/** True when a version (23.03.1) is in a range ('>=24.03', '<24.03'), compared by major and minor. */
function inRange(version: string, range: string): boolean {
  const [, op, want] = /^(>=|<)(.+)$/.exec(range)!;
  const num = (v: string) =>
    v
      .split('.')
      .slice(0, 2)
      .map(Number)
      .reduce((a, b) => a * 100 + b, 0);
  return op === '>=' ? num(version) >= num(want!) : num(version) < num(want!);
}
