import type { RawCore } from '../../topology/schema-core.js';
import type { LoadBalancer } from './model.js';
import { backendAddress } from './rules.js';
import type { RawLoadBalancers } from './schema.js';

type Raw = RawCore & RawLoadBalancers;

/** The lab's load balancers: backends as addresses, options as OVN's strings. */
export function resolveLoadBalancers(t: Raw): LoadBalancer[] {
  return Object.entries(t.load_balancers).map(([name, lb]) => ({
    name,
    protocol: lb.protocol,
    vips: Object.entries(lb.vips).map(([vip, backends]) => ({ vip, backends: backends.map((b) => backendAddress(t, b, vip.split(':')[1]) ?? b) })),
    switches: lb.switches,
    routers: lb.routers,
    options: Object.fromEntries(Object.entries(lb.options).map(([k, v]) => [k, String(v)])),
    ...(lb.health_check ? { healthCheck: healthCheckOf(t, lb, lb.health_check) } : {}),
  }));
}

type RawLb = Raw['load_balancers'][string];

/** A load balancer's health check as OVN takes it: the options, and each backend's port and probe source. */
function healthCheckOf(t: Raw, lb: RawLb, hc: NonNullable<RawLb['health_check']>): NonNullable<LoadBalancer['healthCheck']> {
  const mappings: Record<string, string> = {};
  for (const b of Object.values(lb.vips).flat()) {
    const name = b.split(':')[0] ?? b;
    const vm = t.vms[name];
    // The rules refused a health-checked backend that is not a VM.
    if (vm?.ip !== undefined) mappings[vm.ip] = `${vm.port ?? `${vm.switch}-${name}`}:${hc.source}`;
  }
  const options = { interval: hc.interval, timeout: hc.timeout, success_count: hc.success_count, failure_count: hc.failure_count };
  return { options: Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)])), mappings };
}
