import type { Cidr } from '../../topology/net.js';
import type { AddressBook } from '../../topology/rules/address-book.js';
import type { At } from '../../topology/rules/at.js';
import { checkIpv4Switch } from '../../topology/rules/ipv4-only.js';
import type { RawCore } from '../../topology/schema-core.js';
import { localportInstance } from './resolve.js';
import type { RawLocalports } from './schema.js';

type Raw = RawCore & RawLocalports;

/** Localports: the names of their instances, an IPv4 switch, their address and chassis. */
export function localportRules(t: Raw, book: AddressBook, at: At, subnets: ReadonlyMap<string, Cidr>, nodes: ReadonlyMap<string, string>): void {
  checkInstanceNames(t, nodes, at);
  for (const [n, lp] of Object.entries(t.localports)) checkIpv4Switch(t, ['localports', n, 'switch'], lp.switch, 'a localport', at);
  checkLocalports(t, subnets, book, at);
}

/** Each localport's instance per chassis is a node: its name must be free, as every node's. */
function checkInstanceNames(t: Raw, nodes: ReadonlyMap<string, string>, at: At): void {
  const seen = new Map(nodes);
  for (const [name, lp] of Object.entries(t.localports)) {
    for (const chassis of lp.chassis ?? Object.keys(t.chassis)) {
      if (!(chassis in t.chassis)) continue; // reported with the localport
      const instance = localportInstance(name, chassis);
      if (instance.length > 15) at(['localports', name], `its instance on ${chassis} would be named '${instance}', longer than 15 characters; use a shorter localport name`, true);
      const other = seen.get(instance.toLowerCase());
      if (other) at(['localports', name], `its instance on ${chassis} would be named '${instance}', which is already used by ${other}; rename one of them`, true);
      else seen.set(instance.toLowerCase(), `the instance of localport '${name}' on ${chassis}`);
    }
  }
}

/** Localports: their switch, address and chassis. */
function checkLocalports(t: Raw, subnets: ReadonlyMap<string, Cidr>, book: AddressBook, at: At): void {
  for (const [name, lp] of Object.entries(t.localports)) {
    const path = ['localports', name];
    const subnet = subnets.get(lp.switch);
    if (!(lp.switch in t.switches)) at([...path, 'switch'], `unknown switch '${lp.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
    book.staticPort({ switch: lp.switch, ip: lp.ip, mac: lp.mac }, subnet, `localports.${name}`, path);
    (lp.chassis ?? []).forEach((chassis, i) => {
      if (!(chassis in t.chassis)) at([...path, 'chassis', i], `unknown chassis '${chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
    });
  }
}
