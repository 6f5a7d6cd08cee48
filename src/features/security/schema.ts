import * as z from 'zod';
import { addressOrSubnet, portName } from '../../topology/schema-types.js';

/**
 * Security groups as OVN has them (and OpenStack's security groups become): port groups, address
 * sets, ACLs on a switch or a port group.
 */

/**
 * Names used as `@name` and `$name` in OVN matches: OVN's identifiers (letters, digits, `_`, no
 * `-`, which the match language would read as a minus).
 */
export const matchName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name of letters, digits and "_" (it is written @name or $name in matches, where "-" would be a minus)')
  .max(63, 'at most 63 characters');

const portGroupSchema = z
  .strictObject({
    members: z.array(portName).min(1).describe('VMs (their port), hosts (their external port) or logical port names'),
  })
  .describe('a port group (@name in ACL matches): what OpenStack makes of a security group');

const addressSetSchema = z
  .strictObject({
    addresses: z.array(addressOrSubnet).min(1).describe('IPv4 addresses and subnets'),
  })
  .describe('an address set ($name in ACL matches)');

export const aclSchema = z
  .strictObject({
    switch: z.string().optional().describe('the logical switch the ACL is on (or port_group)'),
    port_group: z.string().optional().describe('the port group the ACL is on (or switch)'),
    direction: z.enum(['from-lport', 'to-lport']).describe('from-lport: as packets leave a port into the switch; to-lport: as they are sent to a port'),
    priority: z.number().int().min(0).max(32767),
    match: z.string().min(1).describe("OVN's match language, e.g. 'outport == @web && tcp.dst == 80'"),
    action: z.enum(['allow', 'allow-related', 'allow-stateless', 'drop', 'reject', 'pass']),
    log: z
      .union([
        z.boolean(),
        z.strictObject({
          name: z
            .string()
            .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, ".", ":", "-", "_"')
            .optional(),
          severity: z.enum(['alert', 'warning', 'notice', 'info', 'debug']).optional(),
          meter: z
            .string()
            .regex(/^[A-Za-z0-9_.:-]+$/, 'a meter name')
            .optional(),
        }),
      ])
      .optional()
      .describe("log the packets it matches in ovn-controller's log (true, or name/severity/meter)"),
    label: z.number().int().min(0).max(4294967295).optional().describe('a 32-bit label stamped on connections it allows (ct_label)'),
    after_lb: z.boolean().optional().describe('evaluated after load balancing (options:apply-after-lb), so it sees the backend address'),
  })
  .describe('an ACL (a security group rule)');

/** The keys security groups add to a topology file. */
export const securityShape = {
  port_groups: z.record(matchName, portGroupSchema).default({}).describe('port groups by name (@name in ACL matches)'),
  address_sets: z.record(matchName, addressSetSchema).default({}).describe('address sets by name ($name in ACL matches)'),
  acls: z.array(aclSchema).default([]).describe('ACLs (security group rules), on a switch or a port group'),
};

export type RawSecurity = z.infer<z.ZodObject<typeof securityShape>>;
export type RawAcl = z.infer<typeof aclSchema>;
