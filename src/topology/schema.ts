import { z } from 'zod';
import { placeAfter } from '../features/feature.js';
import { features, type FeatureShape } from '../features/registry.js';
import { allChecksSchema } from './checks/all.js';
import { coreShape } from './schema-core.js';

export type { RawSwitch } from './schema-core.js';

/** The core keys and every feature's, each feature's right after the core key it names (else at the end). */
const shape = features.reduce<z.ZodRawShape>((s, f) => placeAfter(s, f.shape, f.keysAfter), coreShape) as typeof coreShape & FeatureShape;

/** The whole topology file: the core keys and every feature's. */
export const topologySchema = z
  .strictObject({
    ...shape,
    checks: z
      .array(allChecksSchema)
      .default([])
      .describe(coreShape.checks.description ?? ''),
  })
  .describe('an OVN lab topology');

export type RawTopology = z.infer<typeof topologySchema>;
