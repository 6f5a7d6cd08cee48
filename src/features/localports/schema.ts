import * as z from 'zod';
import { ipv4, mac, nodeName } from '../../topology/schema-types.js';

const localportSchema = z
  .strictObject({
    switch: nodeName.describe('the logical switch of the localport'),
    ip: ipv4.describe('its address, the same on every chassis'),
    mac: mac.optional().describe('its MAC (default: derived from the address)'),
    chassis: z.array(nodeName).min(1).optional().describe('chassis that get an instance (default: every chassis)'),
  })
  .describe("a localport: one logical port answered on every chassis by that chassis' own instance (like neutron's metadata port)");

/** The key localports add to a topology file. */
export const localportShape = {
  localports: z.record(nodeName, localportSchema).default({}).describe('localports by name; each chassis gets a namespace <name>-<chassis> bound to it'),
};

export type RawLocalports = z.infer<z.ZodObject<typeof localportShape>>;
