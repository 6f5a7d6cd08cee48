import { inCidr, isNetworkOrBroadcast, parseIpv4, type Cidr } from '../net.js';
import { defaultMac } from '../resolve.js';
import type { RawTopology } from '../schema.js';
import type { AddressBook } from './address-book.js';
import type { At } from './at.js';

/** Services: their chassis, switch and address (their names are checked with every node name). */
export function checkServices(t: RawTopology, subnets: Map<string, Cidr>, book: AddressBook, at: At): void {
  for (const [name, svc] of Object.entries(t.services)) {
    const path = ['services', name];
    if (!(svc.chassis in t.chassis)) at([...path, 'chassis'], `unknown chassis '${svc.chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
    const subnet = subnets.get(svc.switch);
    if (!(svc.switch in t.switches)) {
      at([...path, 'switch'], `unknown switch '${svc.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
      continue;
    }
    if (t.switches[svc.switch]!.dhcp) at([...path, 'switch'], `switch '${svc.switch}' already has OVN DHCP (a dhcp section); a dnsmasq service serves a switch without one`);
    const ip = parseIpv4(svc.ip);
    let claimed = false;
    if (ip === undefined) at([...path, 'ip'], `'${svc.ip}' is not an IPv4 address`);
    else if (subnet && (!inCidr(ip, subnet) || isNetworkOrBroadcast(ip, subnet))) at([...path, 'ip'], `${svc.ip} is not a host address of switch '${svc.switch}' (${subnet.text})`);
    else claimed = book.ip(svc.switch, svc.ip, `services.${name}`, [...path, 'ip']);
    book.portMac(svc.mac, ip !== undefined ? defaultMac(ip) : undefined, claimed, `services.${name}`, path);
  }
}
