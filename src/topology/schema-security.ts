import { z } from 'zod';
import { addressOrSubnet, portName } from './schema-types.js';

/**
 * Security groups as OVN has them (and OpenStack's security groups become): port groups, address
 * sets, ACLs on a switch or a port group, port security on ports, NB_Global options.
 */

/**
 * Names used as `@name` and `$name` in OVN matches: OVN's identifiers (letters, digits, `_`, no
 * `-`, which the match language would read as a minus).
 */
export const matchName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name of letters, digits and "_" (it is written @name or $name in matches, where "-" would be a minus)')
  .max(63, 'at most 63 characters');

export const portGroupSchema = z
  .strictObject({
    members: z.array(portName).min(1).describe('VMs (their port), hosts (their external port) or logical port names'),
  })
  .describe('a port group (@name in ACL matches): what OpenStack makes of a security group');


export const addressSetSchema = z
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
          name: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, ".", ":", "-", "_"').optional(),
          severity: z.enum(['alert', 'warning', 'notice', 'info', 'debug']).optional(),
          meter: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'a meter name').optional(),
        }),
      ])
      .optional()
      .describe("log the packets it matches in ovn-controller's log (true, or name/severity/meter)"),
    label: z.number().int().min(0).max(4294967295).optional().describe('a 32-bit label stamped on connections it allows (ct_label)'),
    after_lb: z.boolean().optional().describe('evaluated after load balancing (options:apply-after-lb), so it sees the backend address'),
  })
  .describe('an ACL (a security group rule)');

export const nbOptionsSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'an NB_Global option name like default_acl_drop'), z.union([z.string().regex(/^[^"\\\n]*$/, 'a value without quotes or backslashes'), z.number(), z.boolean()]))
  .describe('NB_Global options, e.g. default_acl_drop: true');

export const portSecuritySchema = z
  .union([z.boolean(), z.array(z.string().regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}( \d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?)*$/, 'a MAC, then the addresses it may use: "02:00:0a:00:00:05 10.0.0.5"')).min(1)])
  .describe("port security: true (the port's own MAC and address), false, or a list of 'MAC address…' entries");

export const serverSchema = z
  .union([
    z.strictObject({ tcp: z.number().int().min(1).max(65535).describe('a TCP listener that answers with the node name') }),
    z.strictObject({ udp: z.number().int().min(1).max(65535).describe('a UDP server that answers each datagram with the node name') }),
    z.strictObject({ http: z.number().int().min(1).max(65535).describe('an HTTP server that answers with the node name') }),
  ])
  .describe('a server the node runs: { tcp: PORT }, { udp: PORT } or { http: PORT }');
