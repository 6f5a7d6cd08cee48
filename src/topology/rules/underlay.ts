import { inCidr, isNetworkOrBroadcast, parseIpv4, type Cidr } from '../net.js';
import { underlayNodesOf } from '../../features/registry.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

export function checkUnderlay(t: RawTopology, subnet: Cidr, at: At): void {
  const wanted = 1 + underlayNodesOf(t).length + Object.keys(t.chassis).length;
  if (2 ** (32 - subnet.prefix) - 2 < wanted) {
    at(['underlay', 'subnet'], `${subnet.text} has too few addresses for ${wanted} nodes; use a larger subnet`);
    return;
  }
  const taken = new Map<string, string>();
  const claim = (path: PropertyKey[], ip: string) => {
    const n = parseIpv4(ip);
    if (n === undefined) return at(path, `'${ip}' is not an IPv4 address`);
    if (!inCidr(n, subnet) || isNetworkOrBroadcast(n, subnet)) return at(path, `${ip} is not a host address of the underlay subnet ${subnet.text}`);
    const other = taken.get(ip);
    if (other) return at(path, `${ip} is already the underlay address of ${other}`);
    taken.set(ip, path.slice(0, 2).join('.'));
  };
  if (t.central.ip) claim(['central', 'ip'], t.central.ip);
  for (const [name, c] of Object.entries(t.chassis)) if (c?.ip) claim(['chassis', name, 'ip'], c.ip);
  // ovn-controller tunnels only to chassis with an encap type it has: a mixed lab would be cut in two.
  const [first, ...others] = Object.entries(t.chassis).map(([name, c]) => [name, c?.encap ?? 'geneve'] as const);
  for (const [name, encap] of others) {
    if (first && encap !== first[1])
      at(['chassis', name, ...(t.chassis[name]?.encap ? ['encap'] : [])], `chassis ${name} uses ${encap} but ${first[0]} uses ${first[1]}: OVN makes tunnels only between chassis of one encap type, so give every chassis the same`);
  }
}
