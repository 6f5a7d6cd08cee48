import * as z from 'zod';
import { nodeName, portName } from '../../topology/schema-types.js';
import type { RawCore } from '../../topology/schema-core.js';

const networkSchema = z.strictObject({}).describe('a physical (provider) network outside OVN: a bridge lab owns, reached by chassis through bridge_mappings and by hosts');

/** The key provider networks add to a topology file. */
export const providersShape = {
  networks: z.record(nodeName, networkSchema.nullable()).default({}).describe('provider networks by name'),
};

/** What a switch on a provider network has: the network, and its localnet port's name. */
export const switchFields = {
  provider: nodeName.optional().describe('a provider network this switch reaches through a localnet port'),
  localnet_port: portName.optional().describe('with provider: the name of its localnet port (default: <switch>-localnet)'),
};

/** What a chassis that reaches provider networks has: each network's OVS bridge. */
export const chassisFields = {
  bridge_mappings: z
    .record(nodeName, z.string().regex(/^[a-z][a-z0-9_-]{0,14}$/, 'an OVS bridge name like br-ex or br0 (lower-case letters, digits, "-" and "_", at most 15)'))
    .optional()
    .describe('provider network → OVS bridge (ovn-bridge-mappings); lab makes the bridge and plugs it into the network'),
};

/** A topology file as the providers' rules and resolution see it: the core keys (with the fields this feature adds to switches and chassis) and `networks`. */
export type RawProviders = RawCore & z.infer<z.ZodObject<typeof providersShape>>;
