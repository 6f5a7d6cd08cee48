import { parseIpv4 } from '../../topology/net.js';
import { parseIpv6 } from '../../topology/net6.js';

/**
 * The Logical_Router options labs use most, with what each takes (ovn-nb(5)). A wrong value is
 * refused here, where OVN would ignore it without a word; other options pass through as written.
 */
const isAddress = (v: string) => parseIpv4(v) !== undefined || parseIpv6(v) !== undefined;
const isBool = (v: string) => v === 'true' || v === 'false';
const isCount = (v: string) => /^\d{1,9}$/.test(v);

const KNOWN: Record<string, { ok: (v: string) => boolean; takes: string }> = {
  dnat_force_snat_ip: { ok: (v) => v.split(' ').every(isAddress), takes: 'an address (one IPv4 and/or one IPv6, space-separated)' },
  lb_force_snat_ip: { ok: (v) => v === 'router_ip' || v.split(' ').every(isAddress), takes: "'router_ip' or an address" },
  always_learn_from_arp_request: { ok: isBool, takes: 'true or false' },
  dynamic_neigh_routers: { ok: isBool, takes: 'true or false' },
  mcast_relay: { ok: isBool, takes: 'true or false' },
  use_logical_dst_ip: { ok: isBool, takes: 'true or false' },
  lb_force_snat_ip_is_router_ip: { ok: isBool, takes: 'true or false' },
  snat_ct_zone: { ok: isCount, takes: 'a conntrack zone number' },
  'snat-ct-zone': { ok: isCount, takes: 'a conntrack zone number' },
  'requested-tnl-key': { ok: isCount, takes: 'a tunnel key number' },
  mac_binding_age_threshold: { ok: isCount, takes: 'seconds' },
};

/** What is wrong with a router option, or undefined. */
export function routerOptionProblem(name: string, value: string): string | undefined {
  if (name === 'chassis') return "write the gateway router's chassis as the router's own 'chassis:' key, not as an option";
  const known = KNOWN[name];
  if (known && !known.ok(value)) return `${name} takes ${known.takes}, not '${value}'`;
  return undefined;
}
