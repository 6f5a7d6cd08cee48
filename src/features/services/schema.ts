import * as z from 'zod';
import { LEASE_TIME_MAX } from '../dhcp/schema.js';
import { ipv4, mac, nodeName } from '../../topology/schema-types.js';

const serviceSchema = z
  .strictObject({
    kind: z.literal('dnsmasq').describe('dnsmasq: a DHCP server (neutron DHCP agent style; OVN DHCP_Options not used)'),
    vm: nodeName.optional().describe('run it inside this VM, serving every switch the VM has a port on (a router VM), instead of in a namespace of its own'),
    chassis: nodeName.optional().describe('the chassis its own namespace runs on'),
    switch: nodeName.optional().describe('the logical switch it serves'),
    ip: ipv4.optional().describe('its address on that switch'),
    mac: mac.optional().describe('its MAC (default: derived from the address)'),
    router: ipv4.optional().describe('router option it hands out (default: the router on the switch, if any; in a VM: the VM itself)'),
    lease_time: z.number().int().min(120).max(LEASE_TIME_MAX).default(3600).describe('lease time in seconds (4294967295: infinite)'),
  })
  .describe('a service namespace on a switch, running a server that lab starts, stops and cleans up');

/** The top-level key of dnsmasq services. */
export const servicesShape = {
  services: z.record(nodeName, serviceSchema).default({}).describe('service namespaces (dnsmasq DHCP servers) by name'),
};

export type RawServices = z.infer<z.ZodObject<typeof servicesShape>>;
/** One service as written. */
export type RawService = RawServices['services'][string];
