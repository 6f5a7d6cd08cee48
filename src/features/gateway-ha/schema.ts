import * as z from 'zod';
import { nodeName, portName } from '../../topology/schema-types.js';

const groupSchema = z
  .strictObject({
    chassis: z
      .record(nodeName, z.number().int().min(0).max(32767))
      .refine((c) => Object.keys(c).length > 0, 'an HA chassis group has at least one chassis')
      .describe('chassis → priority (0 to 32767): the highest-priority chassis that BFD sees alive is the active one (HA_Chassis rows)'),
    ports: z.array(portName).min(1).describe('the router ports it makes gateway ports (their ha_chassis_group): each gets a cr-<port> bound to the active chassis'),
  })
  .describe('an HA_Chassis_Group of the NB database: chassis with priorities, shared by the router ports that name it');

/** OVS BFD timers OVN sets on the tunnels it monitors (NB_Global options bfd-*), in milliseconds. */
const bfdSchema = z
  .strictObject({
    min_rx: z.number().int().min(1).max(60000).optional().describe('bfd-min-rx: the fastest rate this end wants to receive control packets at (OVS default 1000)'),
    min_tx: z.number().int().min(1).max(60000).optional().describe('bfd-min-tx: the fastest rate this end sends them at (OVS default 100)'),
    decay_min_rx: z.number().int().min(1).max(60000).optional().describe('bfd-decay-min-rx: min_rx after a while without data traffic (OVS default: no decay)'),
    mult: z.number().int().min(1).max(255).optional().describe('bfd-mult: control packets missed before a session goes down (OVS default 3)'),
  })
  .describe(
    "OVS BFD on the tunnels to gateway chassis, as OVN configures it (NB_Global options bfd-min-rx, bfd-min-tx, bfd-decay-min-rx, bfd-mult, copied by northd to SB_Global and by ovn-controller to the tunnels' bfd column): a peer is declared down after about mult × the slower of its min_tx and our min_rx",
  );

/** The keys gateway high availability adds to a topology file. */
export const gatewayHaShape = {
  ha_chassis_groups: z.record(nodeName, groupSchema).default({}).describe('HA chassis groups by name: another way than gateway_chassis to make a router port a gateway port on several chassis'),
  bfd: bfdSchema.optional(),
};

export type RawGatewayHa = z.infer<z.ZodObject<typeof gatewayHaShape>>;
