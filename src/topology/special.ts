import { parseCidr, parseIpv4, specialBlock } from './net.js';
import { parseCidr6, parseIpv6, specialBlock6 } from './net6.js';

/**
 * Addresses and subnets of either family that nothing of a lab can be or route to: loopback,
 * multicast, 'this network', reserved; for IPv6 also the unspecified address, link-local and
 * IPv4-mapped addresses.
 */

/** The special block a subnet or address (IPv4 or IPv6) lies wholly in, described; undefined for an ordinary one. */
function specialBlockOf(text: string): string | undefined {
  const v6 = text.includes(':');
  const subnet = text.includes('/') ? text : `${text}/${v6 ? 128 : 32}`;
  if (v6) {
    const c = parseCidr6(subnet);
    return c && specialBlock6(c, true);
  }
  const c = parseCidr(subnet);
  return c && specialBlock(c, true);
}

/** Why a route (router, node or step) to `prefix` makes no sense, or undefined. */
export function routeProblem(prefix: string): string | undefined {
  const block = specialBlockOf(prefix);
  return block && `a route to ${prefix} goes into ${block}, where no router forwards; route a subnet of the lab or beyond it`;
}

/** Why an address cannot be `what` (a VIP, a NAT address, a backend) because it is in a special block, with what to do; or undefined. */
export function specialAddressProblem(ip: string, what: string, hint: string): string | undefined {
  if (parseIpv4(ip) === undefined && parseIpv6(ip) === undefined) return undefined;
  const block = specialBlockOf(ip);
  return block && `${ip} is in ${block}, which no ${what} can be: ${hint}`;
}
