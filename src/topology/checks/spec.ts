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
