import type { z } from 'zod';
import type { LabContext } from '../core/lab-context.js';
import type { Lab } from '../topology/model.js';

/** Fields every check has, whatever its kind. */
export interface CheckBase {
  name: string;
  kind: string;
  /** Seconds to keep trying (positive checks) or to wait out (negative ones). */
  timeout?: number;
}

/** One try of a check: whether the expectation holds right now, and what was seen. */
export interface Attempt {
  ok: boolean;
  seen: string;
}

/** A problem in a check's fields found against the resolved lab, placed at `field`. */
export interface CheckProblem {
  field: string;
  message: string;
}

/**
 * A kind of check (dhcp, ping, flow…): its YAML schema, its semantic checks against the lab,
 * what it expects, and one attempt. The runner retries attempts until pass or timeout.
 */
export interface CheckKind<S extends CheckBase = CheckBase> {
  kind: string;
  /** One line for `lab test --list` and docs. */
  summary: string;
  schema: z.ZodType<S>;
  validate(spec: S, lab: Lab): CheckProblem[];
  /** Negative checks (unreachable, absent, dropped) must hold for their whole timeout. */
  negative(spec: S): boolean;
  expected(spec: S, lab: Lab): string;
  attempt(spec: S, ctx: LabContext): Promise<Attempt>;
}

export interface CheckResult {
  name: string;
  kind: string;
  passed: boolean;
  expected: string;
  seen: string;
  attempts: number;
  durationMs: number;
}

/** Time as the runner sees it; unit tests pass a fake one so they never sleep. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};
