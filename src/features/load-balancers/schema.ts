import * as z from 'zod';
import { nodeName } from '../../topology/schema-types.js';

/** A VIP as OVN writes it: an address, with a port unless the balancer works on addresses only. */
const vipText = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?$/, 'a VIP like 10.60.0.100:80 (or an address alone)');

/** A backend: a VM by name (its address, the VIP's port), `vm:port`, or `address:port`. */
const backend = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*(:\d{1,5})?$/, 'a backend: a VM name, vm:port, or address:port');

const loadBalancerSchema = z
  .strictObject({
    vips: z.record(vipText, z.array(backend).min(1)).describe('VIP → backends (VM names, vm:port or address:port)'),
    protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp').describe('the protocol of the VIPs with a port; a VIP without one balances every protocol'),
    switches: z.array(z.string()).default([]).describe('logical switches it is attached to (clients on them are balanced)'),
    routers: z.array(z.string()).default([]).describe('logical routers it is attached to (need a gateway port or to be a gateway router)'),
    health_check: z
      .strictObject({
        source: z
          .string()
          .regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address')
          .describe("the address OVN probes backends from: unused, in the backends' subnet"),
        interval: z.number().int().min(1).default(5).describe('seconds between probes'),
        timeout: z.number().int().min(1).default(2).describe('seconds a probe waits for an answer'),
        success_count: z.number().int().min(1).default(1).describe('answers that bring a backend back'),
        failure_count: z.number().int().min(1).default(2).describe('misses that take a backend out'),
      })
      .optional()
      .describe('health checks of the VIPs with a port: backends that stop answering leave the VIP (OVN service monitor)'),
    options: z
      .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'an option name like hairpin_snat_ip'), z.union([z.string().regex(/^[^"\\\n]*$/, 'a value without quotes'), z.number(), z.boolean()]))
      .default({})
      .describe('Load_Balancer options: hairpin_snat_ip, affinity_timeout, skip_snat, reject, …'),
  })
  .describe('an OVN load balancer');

/** The keys load balancers add to a topology file. */
export const loadBalancerShape = {
  load_balancers: z.record(nodeName, loadBalancerSchema).default({}).describe('load balancers by name'),
};

export type RawLoadBalancers = z.infer<z.ZodObject<typeof loadBalancerShape>>;
