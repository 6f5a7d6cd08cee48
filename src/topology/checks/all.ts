import { z } from 'zod';
import { features } from '../../features/registry.js';
import type { CheckBase } from '../model.js';
import { CHECK_SPECS } from './registry.js';
import type { CheckRegistration, CheckSpecKind } from './spec.js';

/** The check kinds the features add, spec and probe together. */
export const FEATURE_CHECKS: readonly CheckRegistration[] = features.flatMap((f) => f.checks ?? []);

/** Every check kind a topology file may use: the core's and the features'. */
export const ALL_CHECK_SPECS: readonly CheckSpecKind<CheckBase>[] = [...(CHECK_SPECS as unknown as CheckSpecKind<CheckBase>[]), ...FEATURE_CHECKS.map((c) => c.spec)];

export function checkSpec(kind: string): CheckSpecKind<CheckBase> {
  const found = ALL_CHECK_SPECS.find((k) => k.kind === kind);
  if (!found) throw new Error(`unknown check kind '${kind}' (kinds: ${ALL_CHECK_SPECS.map((k) => k.kind).join(', ')})`);
  return found;
}

/** The schema of one entry of `checks:`, chosen by its kind, features' kinds included. */
export const allChecksSchema = z.discriminatedUnion('kind', ALL_CHECK_SPECS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]]);
