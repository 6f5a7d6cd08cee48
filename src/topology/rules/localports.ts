import { inCidr, isNetworkOrBroadcast, parseIpv4, type Cidr } from '../net.js';
import { defaultMac } from '../ports.js';
import type { RawTopology } from '../schema.js';
import type { AddressBook } from './address-book.js';
import type { At } from './at.js';

/** Localports: their switch, address and chassis (the names of their instances are checked with every node name). */
export function checkLocalports(t: RawTopology, subnets: Map<string, Cidr>, book: AddressBook, at: At): void {
  for (const [name, lp] of Object.entries(t.localports)) {
    const path = ['localports', name];
    const subnet = subnets.get(lp.switch);
    if (!(lp.switch in t.switches)) at([...path, 'switch'], `unknown switch '${lp.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
    const ip = parseIpv4(lp.ip);
    let claimed = false;
    if (ip === undefined) at([...path, 'ip'], `'${lp.ip}' is not an IPv4 address`);
    else if (subnet && (!inCidr(ip, subnet) || isNetworkOrBroadcast(ip, subnet))) at([...path, 'ip'], `${lp.ip} is not a host address of switch '${lp.switch}' (${subnet.text})`);
    else claimed = book.ip(lp.switch, lp.ip, `localports.${name}`, [...path, 'ip']);
    book.portMac(lp.mac, ip !== undefined ? defaultMac(ip) : undefined, claimed, `localports.${name}`, path);
    (lp.chassis ?? []).forEach((chassis, i) => {
      if (!(chassis in t.chassis)) at([...path, 'chassis', i], `unknown chassis '${chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
    });
  }
}
