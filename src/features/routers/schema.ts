import * as z from 'zod';
import { addressOrSubnetAny, cidrAny, ipAny, ipv4, ipv6, mac, nodeName, portName } from '../../topology/schema-types.js';

const routerPortSchema = z
  .strictObject({
    switch: nodeName.describe('the logical switch this router port connects to'),
    ip: ipv4.optional().describe("the router's IPv4 address on that switch (the prefix is the switch's)"),
    ip6: ipv6.optional().describe("the router's IPv6 address on a switch with subnet6 (a port has ip, ip6 or both)"),
    ra: z.enum(['slaac', 'dhcpv6_stateful', 'dhcpv6_stateless']).optional().describe('router advertisements on this port (ipv6_ra_configs:address_mode): how VMs on the switch get their IPv6 address'),
    mac: mac.optional().describe('router port MAC (default: derived from the address)'),
    gateway_chassis: z.array(nodeName).min(1).optional().describe('makes this a gateway port, bound to these chassis in priority order'),
    name: portName.optional().describe('the router port name (default: <router>-<switch>)'),
    switch_port: portName.optional().describe('the name of its peer port on the switch (default: <switch>-<router>)'),
  })
  .describe('a logical router port and the switch port that peers with it');

const routeSchema = z.strictObject({
  prefix: cidrAny.describe('destination subnet, e.g. 0.0.0.0/0 or ::/0 (with policy src-ip: the source subnet)'),
  nexthop: z.union([ipAny, z.array(ipAny).min(1)]).describe('next hop address; several make an ECMP route'),
  policy: z.enum(['dst-ip', 'src-ip']).default('dst-ip').describe('dst-ip: route by destination (default); src-ip: by source address'),
  port: portName.optional().describe('the router port to send from, when the next hop alone does not say'),
  ecmp_symmetric_reply: z.literal(true).optional().describe('ECMP on a gateway router: replies to a connection that came in by one next hop go back by the same one (lr-route-add --ecmp-symmetric-reply)'),
});

const policySchema = z
  .strictObject({
    priority: z.number().int().min(0).max(32767),
    match: z.string().min(1).describe("OVN's match language, e.g. 'ip4.src == 10.0.1.0/24'"),
    action: z.enum(['allow', 'drop', 'reroute']),
    nexthops: z.array(ipAny).min(1).optional().describe('with reroute: where to send'),
  })
  .describe('a logical router policy (lr-policy-add)');

const natSchema = z
  .strictObject({
    type: z.enum(['snat', 'dnat', 'dnat_and_snat']),
    external_ip: ipAny,
    logical_ip: addressOrSubnetAny.describe('an address or subnet of the same family as external_ip'),
    vm: nodeName.optional().describe('dnat_and_snat: the VM whose port does the NAT on its own chassis (distributed floating IP)'),
    external_mac: mac.optional().describe("with vm: the floating IP's own MAC (default: the VM's)"),
    gateway_port: portName.optional().describe('the gateway port this rule belongs to, where the router has several'),
    add_route: z.literal(true).optional().describe('the routers that share a switch with this router route to external_ip through it, without a route of their own (lr-nat-add --add-route, options:add_route)'),
    allowed_ext_ips: z.array(addressOrSubnetAny).min(1).optional().describe('the rule applies only to these external addresses (the source of a DNAT, the destination of an SNAT); lab makes them an Address_Set <router>_nat<index>_allowed'),
  })
  .describe('a NAT rule of the router');

const routerSchema = z
  .strictObject({
    chassis: nodeName.optional().describe('makes it a gateway router: the whole router runs on this chassis (options:chassis)'),
    options: z
      .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a router option like dnat_force_snat_ip'), z.union([z.string().regex(/^[^"\\\n]*$/, 'a value without quotes'), z.number(), z.boolean()]))
      .default({})
      .describe('Logical_Router options: dnat_force_snat_ip, lb_force_snat_ip, always_learn_from_arp_request, …'),
    ports: z.array(routerPortSchema).min(1),
    routes: z.array(routeSchema).default([]).describe('static routes'),
    policies: z.array(policySchema).default([]).describe('router policies, evaluated before routing'),
    nat: z.array(natSchema).default([]),
  })
  .describe('an OVN logical router');

/** The keys logical routers add to a topology file. */
export const routerShape = {
  routers: z.record(nodeName, routerSchema).default({}).describe('logical routers by name'),
};

export type RawRouters = z.infer<z.ZodObject<typeof routerShape>>;
export type RawRouter = RawRouters['routers'][string];
