import type { LabContext } from '../ovn/lab-context.js';
import type { CheckBase } from '../topology/model.js';
import type { CheckSpecKind } from '../topology/checks/spec.js';

/** One try of a check: whether the expectation holds right now, and what was seen. */
export interface Attempt {
  ok: boolean;
  seen: string;
}

/** One attempt of a kind of check against a running lab; the runner retries it until pass or timeout. */
export interface CheckProbe<S extends CheckBase> {
  kind: string;
  attempt(spec: S, ctx: LabContext): Promise<Attempt>;
}

/** A kind's spec and probe together, as the runner uses them. */
export type CheckKind<S extends CheckBase = CheckBase> = CheckSpecKind<S> & CheckProbe<S>;

export interface CheckResult {
  name: string;
  kind: string;
  passed: boolean;
  expected: string;
  seen: string;
  attempts: number;
  durationMs: number;
  /** Not run, and why (the lab's OVN is outside the check's `ovn` range). */
  skipped?: string;
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
