import * as z from 'zod';
import { fieldsOf, withFeatureKeys } from '../features/registry.js';
import { allChecksSchema } from './checks/all.js';
import { coreShapeWith } from './schema-core.js';
import { exercisesShape } from '../features/exercises/index.js';

export type { RawSwitch } from './schema-core.js';

const coreShape = coreShapeWith(fieldsOf);

/** The whole topology file: the core keys and every feature's. */
export const topologySchema = z
  .strictObject({
    ...withFeatureKeys(coreShape),
    checks: z
      .array(allChecksSchema)
      .default([])
      .describe(coreShape.checks.description ?? ''),
    ...exercisesShape,
  })
  .describe('an OVN lab topology');

export type RawTopology = z.infer<typeof topologySchema>;

/** The JSON Schema of a topology file as an editor reads it (what may be written, defaults left out). */
export function topologyJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(topologySchema, { io: 'input' }), title: 'lab topology' };
}
