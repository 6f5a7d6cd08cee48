import * as z from 'zod';

/** Port security on ports, servers in nodes, NB_Global options (port groups, address sets and ACLs: src/features/security). */

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
