import * as z from 'zod';
import { ipv4, mac, nodeName } from '../../topology/schema-types.js';

/** An IPv4 multicast group as written (224.0.0.0/4; which of them OVN snoops is a rule). */
export const groupAddress = ipv4.describe('an IPv4 multicast group address, like 239.1.1.1');

const snoopingSchema = z
  .strictObject({
    snoop: z.boolean().default(true).describe('other_config:mcast_snoop: OVN learns group members from their IGMP reports and sends a group only to them (why a switch is listed; false writes it off)'),
    querier: z.boolean().optional().describe('other_config:mcast_querier: ovn-controller sends IGMP general queries, so members report again and stay in their groups (OVN default true, but it queries only with eth_src and ip4_src)'),
    eth_src: mac.optional().describe("other_config:mcast_eth_src: the querier's source MAC address"),
    ip4_src: ipv4.optional().describe("other_config:mcast_ip4_src: the querier's source IPv4 address"),
    flood_unregistered: z.boolean().optional().describe('other_config:mcast_flood_unregistered: multicast to a group nobody joined goes to every port (OVN default false: it is dropped, unless a port floods or a router relays)'),
    table_size: z.number().int().min(1).max(32766).optional().describe('other_config:mcast_table_size: groups the switch learns at most (OVN default 2048)'),
    idle_timeout: z.number().int().min(15).max(3600).optional().describe('other_config:mcast_idle_timeout: seconds a group member stays without reporting again (OVN default 300)'),
    query_interval: z.number().int().min(1).max(3600).optional().describe("other_config:mcast_query_interval: seconds between the querier's queries (OVN default idle_timeout / 2)"),
    query_max_response: z.number().int().min(1).max(10).optional().describe("other_config:mcast_query_max_response: the queries' max response time in seconds (OVN default 1)"),
    groups: z.record(groupAddress, z.array(nodeName).min(1)).default({}).describe('group → the VMs of the switch that join it when the lab comes up (a process in each holds a socket with IP_ADD_MEMBERSHIP; lab down ends it)'),
  })
  .describe('IP multicast snooping on a logical switch, as ovn-nb(5) has it in Logical_Switch other_config');

/** The key multicast snooping adds to a topology file. */
export const multicastShape = {
  multicast: z.record(nodeName, snoopingSchema).default({}).describe('IP multicast (IGMP) snooping: the logical switches that snoop, by name, and the groups their VMs join'),
};

export type RawMulticast = z.infer<z.ZodObject<typeof multicastShape>>;
export type RawSnooping = z.infer<typeof snoopingSchema>;
