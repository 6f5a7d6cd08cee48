import * as z from 'zod';
import { cidr6, ipv6, mac } from '../../topology/schema-types.js';

const dhcp6Schema = z
  .strictObject({
    server_mac: mac.optional().describe("MAC the DHCPv6 replies come from, also the server's DUID (default: the router port's on this switch)"),
    dns_server: ipv6.optional().describe('DNS server handed to clients'),
    domain_search: z
      .string()
      .regex(/^[A-Za-z0-9.-]+$/, 'a domain like lab.example')
      .optional()
      .describe('domain search list handed to clients'),
  })
  .describe('OVN native DHCPv6 (DHCP_Options with an IPv6 cidr): answered by ovn-controller with put_dhcpv6_opts');

/** A switch's IPv6 subnet (after its IPv4 one). */
export const subnet6Field = {
  subnet6: cidr6.optional().describe('IPv6 subnet, beside the IPv4 one (dual stack) or instead of it; a /64 for SLAAC, e.g. fd00:10::/64'),
};

/** A switch's OVN DHCPv6 (after its DHCPv4). */
export const dhcp6Field = { dhcp6: dhcp6Schema.optional() };

/** A switch's dhcp6 section as written. */
export type RawDhcp6 = z.infer<typeof dhcp6Schema>;

/** A VM's IPv6 address (after its IPv4 one). */
export const vmIp6Field = {
  ip6: ipv6.optional().describe("its IPv6 address on a switch with subnet6 (default: the EUI-64 address SLAAC makes from its MAC); how it gets it follows the router port's ra"),
};

/** A host's static IPv6 address and gateway (after its IPv4 gateway). */
export const hostIpv6Fields = {
  ip6: ipv6.optional().describe('its IPv6 address, static, in the subnet6 of the provider switch its ip is on'),
  gateway6: ipv6.optional().describe('IPv6 default gateway'),
};
