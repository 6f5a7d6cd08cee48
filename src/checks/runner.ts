import type { LabContext } from '../ovn/lab-context.js';
import type { CheckBase } from '../topology/model.js';
import type { CheckKind, CheckResult, Clock } from './check.js';

/** Default seconds: how long a positive check keeps trying, and how long a negative one is waited out. */
const DEFAULT_TIMEOUT = 10;
const DEFAULT_NEGATIVE_TIMEOUT = 3;
const RETRY_INTERVAL_MS = 200;

export type ProgressListener = (attempt: number, seen: string) => void;

/**
 * Runs a check like a wait strategy. A positive check passes at its first good attempt and
 * fails when its timeout ends; a negative one fails at the first bad attempt and passes when
 * its timeout ends. An attempt that throws counts as bad, with the error as what was seen.
 */
export async function runCheck<S extends CheckBase>(kind: CheckKind<S>, spec: S, ctx: LabContext, clock: Clock, onProgress?: ProgressListener): Promise<CheckResult> {
  const negative = kind.negative(spec);
  const timeoutMs = (spec.timeout ?? (negative ? DEFAULT_NEGATIVE_TIMEOUT : DEFAULT_TIMEOUT)) * 1000;
  const expected = kind.expected(spec, ctx.lab);
  const started = clock.now();
  let attempts = 0;
  for (;;) {
    attempts += 1;
    let ok: boolean;
    let seen: string;
    try {
      ({ ok, seen } = await kind.attempt(spec, ctx));
    } catch (error) {
      ok = false;
      seen = `error: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`;
    }
    const elapsed = clock.now() - started;
    const done = (passed: boolean): CheckResult => ({ name: spec.name, kind: spec.kind, passed, expected, seen, attempts, durationMs: elapsed });
    if (kind.once) return done(ok);
    if (ok && !negative) return done(true);
    if (!ok && negative) return done(false);
    if (elapsed >= timeoutMs) return done(negative);
    onProgress?.(attempts, seen);
    await clock.sleep(Math.min(RETRY_INTERVAL_MS, Math.max(0, timeoutMs - elapsed)));
  }
}
