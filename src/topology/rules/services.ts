import { CENTRAL, UNDERLAY, nameProblem } from '../names.js';
import { inCidr, isNetworkOrBroadcast, parseIpv4, type Cidr } from '../net.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

export function checkServices(t: RawTopology, subnets: Map<string, Cidr>, at: At): void {
  const ips = new Map(Object.entries(t.vms).map(([n, v]) => [`${v.switch}/${v.ip}`, `vms.${n}`]));
  for (const [name, svc] of Object.entries(t.services)) {
    const path = ['services', name];
    const problem = nameProblem(name);
    if (problem) at(path, problem, true);
    if (name in t.chassis || name in t.vms || name === CENTRAL || name === UNDERLAY) at(path, `the name '${name}' is already used by a node; services need their own names`, true);
    if (!(svc.chassis in t.chassis)) at([...path, 'chassis'], `unknown chassis '${svc.chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
    const subnet = subnets.get(svc.switch);
    if (!(svc.switch in t.switches)) {
      at([...path, 'switch'], `unknown switch '${svc.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
      continue;
    }
    if (t.switches[svc.switch]!.dhcp) at([...path, 'switch'], `switch '${svc.switch}' already has OVN DHCP (a dhcp section); a dnsmasq service serves a switch without one`);
    const ip = parseIpv4(svc.ip);
    if (ip === undefined) at([...path, 'ip'], `'${svc.ip}' is not an IPv4 address`);
    else if (subnet && (!inCidr(ip, subnet) || isNetworkOrBroadcast(ip, subnet))) at([...path, 'ip'], `${svc.ip} is not a host address of switch '${svc.switch}' (${subnet.text})`);
    const other = ips.get(`${svc.switch}/${svc.ip}`);
    if (other) at([...path, 'ip'], `${svc.ip} is already used by ${other}`);
    ips.set(`${svc.switch}/${svc.ip}`, `services.${name}`);
  }
}
