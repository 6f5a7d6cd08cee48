import { z } from 'zod';
import { featureShape } from '../features/registry.js';
import { coreShape } from './schema-core.js';

export type { RawSwitch } from './schema-core.js';

/** The whole topology file: the core keys and every feature's. */
export const topologySchema = z.strictObject({ ...coreShape, ...featureShape }).describe('an OVN lab topology');

export type RawTopology = z.infer<typeof topologySchema>;
