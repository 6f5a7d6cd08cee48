import type { z } from 'zod';
import type { CheckBase, Lab } from '../model.js';

/** A problem in a check's fields found against the resolved lab, placed at `field`. */
export interface CheckProblem {
  field: string;
  message: string;
}

/**
 * What the file format knows of a kind of check (dhcp, ping, flow…): its YAML schema, its
 * problems against the lab, and what it expects. How to try it against a running lab is the
 * probe's (src/checks/kinds/), which parsing and validating never load.
 */
export interface CheckSpecKind<S extends CheckBase = CheckBase> {
  kind: string;
  /** One line for `lab test --list` and docs. */
  summary: string;
  schema: z.ZodType<S>;
  validate(spec: S, lab: Lab): CheckProblem[];
  /** A step: tried once, never retried (a change between checks, not an expectation). */
  once?: boolean;
  /** Negative checks (unreachable, absent, dropped) must hold for their whole timeout. */
  negative(spec: S): boolean;
  expected(spec: S, lab: Lab): string;
}

/**
 * How a feature's check kind is tried against a running lab: its probe, imported only when a check
 * of that kind runs (src/checks types it fully; here the lab it runs against is not known).
 */
type ProbeLoader<S extends CheckBase> = () => Promise<{ kind: string; attempt(spec: S, ctx: never): Promise<{ ok: boolean; seen: string }> }>;

/** A feature's check kind: the spec and its probe together, so no kind goes without one. */
export interface CheckRegistration<S extends CheckBase = CheckBase> {
  spec: CheckSpecKind<S>;
  probe: ProbeLoader<S>;
}

/**
 * What a feature's step action does to a running lab: imported only when a step with it runs
 * (src/checks types the lab it runs against; here it is not known).
 */
type StepActionLoader<V> = () => Promise<{ key: string; run(value: V, ctx: never): Promise<{ ok: boolean; seen: string }> }>;

/**
 * A step action a feature adds to `kind: step` (`- kind: step` with `KEY: VALUE`): its key, the
 * schema of its value (described: the reference and `lab schema` show it), its problems against
 * the lab (fields relative to the value: `vm` is reported at `KEY.vm`), what it expects, and its
 * action, loaded when such a step runs. The action is required: an action without its
 * implementation (or with another value's) does not compile.
 */
export interface StepActionRegistration<V = unknown> {
  key: string;
  schema: z.ZodType<V>;
  problems?(value: V, lab: Lab): CheckProblem[];
  /** What `lab test --list` and reports say it does. */
  expected(value: V): string;
  /** When it used to be a check kind of its own: `kind: KEY` is refused with a message to write it as a step. */
  wasKind?: true;
  action: StepActionLoader<V>;
}

/** A step action, its value's type checked against its schema, its problems and its action. */
export function defineStepAction<V>(registration: StepActionRegistration<V>): StepActionRegistration<V> {
  return registration;
}
