import type { RawCore } from '../schema-core.js';
import type { At } from './at.js';

/** What stays IPv4 only (localports, dnsmasq services, VLAN child ports) needs a switch with an IPv4 subnet. */
export function checkIpv4Switch(t: RawCore, path: PropertyKey[], sw: string, what: string, at: At): void {
  if (t.switches[sw] && t.switches[sw].subnet === undefined) at(path, `switch '${sw}' is IPv6 only; ${what} takes an IPv4 address, so its switch needs a subnet`);
}
