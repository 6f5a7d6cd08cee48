import * as z from 'zod';
import { features } from '../../features/registry.js';
import type { CheckBase } from '../model.js';
import { CHECK_SPECS } from './registry.js';
import type { CheckRegistration, CheckSpecKind, StepActionRegistration } from './spec.js';
import { stepSpecWith } from './step.js';

/** The check kinds the features add, spec and probe together. */
export const FEATURE_CHECKS: readonly CheckRegistration[] = features.flatMap((f) => f.checks ?? []);

/** The step actions the features add, schema and action together. */
export const FEATURE_STEP_ACTIONS: readonly StepActionRegistration[] = features.flatMap((f) => f.stepActions ?? []);

/** The step kind with the core's actions and the features'. */
export const allStepSpec = stepSpecWith(FEATURE_STEP_ACTIONS);

/** Every check kind a topology file may use: the core's (its step with the features' actions) and the features'. */
export const ALL_CHECK_SPECS: readonly CheckSpecKind<CheckBase>[] = [
  ...(CHECK_SPECS as unknown as CheckSpecKind<CheckBase>[]).map((k) => (k.kind === 'step' ? (allStepSpec as unknown as CheckSpecKind<CheckBase>) : k)),
  ...FEATURE_CHECKS.map((c) => c.spec),
];

/** What to write instead of a kind that became a step action (`kind: join`: a step with join:). */
export function movedKind(kind: string): string | undefined {
  const moved = FEATURE_STEP_ACTIONS.find((a) => a.wasKind && a.key === kind);
  const fields = Object.keys((moved?.schema as { shape?: object } | undefined)?.shape ?? {});
  return moved && `kind '${kind}' is a step now: write kind: step with ${kind}: { ${fields.join(', ')} }`;
}

export function checkSpec(kind: string): CheckSpecKind<CheckBase> {
  const found = ALL_CHECK_SPECS.find((k) => k.kind === kind);
  if (!found) throw new Error(`unknown check kind '${kind}' (kinds: ${ALL_CHECK_SPECS.map((k) => k.kind).join(', ')})`);
  return found;
}

/** The schema of one entry of `checks:`, chosen by its kind, features' kinds included. */
export const allChecksSchema = z.discriminatedUnion('kind', ALL_CHECK_SPECS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]]);
