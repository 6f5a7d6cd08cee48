import { inCidr, parseIpv4, type Cidr } from '../../topology/net.js';
import type { AddressBook } from '../../topology/rules/address-book.js';
import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawRouters } from '../routers/schema.js';
import { dhcpOptionKeyProblem, dhcpOptionProblem } from './options.js';
import { dhcpRouter, dhcpServer } from './server.js';

type Raw = RawCore & RawRouters;

/**
 * A switch's DHCP: IPv4 only, its addresses inside the switch's subnet, options one value each;
 * its server's address and MAC (and the router's) claimed before any port's.
 */
export function checkDhcp(t: Raw, book: AddressBook, at: At, subnets: ReadonlyMap<string, Cidr>): void {
  for (const [name, sw] of Object.entries(t.switches)) {
    if (!sw.dhcp) continue;
    const path = ['switches', name, 'dhcp'];
    if (sw.subnet === undefined) {
      at(path, `dhcp serves IPv4: switch '${name}' has no subnet (for IPv6, use dhcp6)`);
      continue;
    }
    const cidr = subnets.get(name);
    if (!cidr) continue; // a subnet the core refused
    for (const key of ['server_id', 'router', 'dns_server'] as const) {
      const value = sw.dhcp[key];
      if (value === undefined) continue;
      const ip = parseIpv4(value);
      if (ip === undefined) at([...path, key], `'${value}' is not an IPv4 address`);
      else if (key !== 'dns_server' && !inCidr(ip, cidr)) at([...path, key], `${value} is outside the switch subnet ${cidr.text}`);
    }
    for (const [key, value] of Object.entries(sw.dhcp.options ?? {})) {
      const keyProblem = dhcpOptionKeyProblem(key);
      const problem = keyProblem ?? dhcpOptionProblem(value);
      if (problem) at([...path, 'options', key], problem, !!keyProblem);
    }
    // The addresses and MAC the switch's DHCP answers with; a router port may hold the same address.
    const router = dhcpRouter(t, name);
    const server = dhcpServer(sw, cidr, router);
    book.ip(name, server.ip, `the DHCP server of switch '${name}'`, path, { shared: true });
    if (router) book.ip(name, router, `the router of switch '${name}'`, path, { shared: true });
    book.mac(server.mac, `the DHCP server of switch '${name}'`, [...path, sw.dhcp.server_mac ? 'server_mac' : 'server_id']);
  }
}
