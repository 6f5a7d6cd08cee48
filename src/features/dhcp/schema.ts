import * as z from 'zod';
import { ipv4, mac } from '../../topology/schema-types.js';

/** DHCP's lease time is 32 bits (RFC 2132), all ones an infinite lease; OVN would cut a larger one to it. */
export const LEASE_TIME_MAX = 0xffffffff;

const dhcpSchema = z
  .strictObject({
    server_id: ipv4.optional().describe('DHCP server address (default: the router, else the first address of the subnet)'),
    server_mac: mac.optional().describe('MAC the DHCP replies come from (default: derived from server_id)'),
    router: ipv4.optional().describe('default gateway handed to clients'),
    lease_time: z.number().int().positive().max(LEASE_TIME_MAX).default(3600).describe('lease time in seconds (4294967295: infinite)'),
    mtu: z.number().int().min(576).max(9000).optional().describe('interface MTU handed to clients'),
    dns_server: ipv4.optional().describe('DNS server handed to clients'),
    options: z
      .record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'an OVN DHCP option name like domain_name'), z.union([z.string(), z.number()]))
      .optional()
      .describe('any other OVN DHCPv4 option, passed through as written'),
  })
  .describe('OVN native DHCP (DHCP_Options) for this logical switch');

/** The field OVN's native DHCPv4 adds to a switch. */
export const dhcpFields = {
  dhcp: dhcpSchema.optional(),
};

export type RawDhcp = z.infer<typeof dhcpSchema>;
