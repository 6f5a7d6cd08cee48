import { z } from 'zod';
import { features, type FeatureShape } from '../features/registry.js';
import { allChecksSchema } from './checks/all.js';
import { placedBefore } from './key-order.js';
import { coreShape } from './schema-core.js';

export type { RawSwitch } from './schema-core.js';

/** The core keys and every feature's, each feature's where it places them (by default after the core's). */
const shape = features.reduce<z.ZodRawShape>((s, f) => placedBefore(s, f.shape, f.keysBefore?.file), coreShape) as typeof coreShape & FeatureShape;

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
