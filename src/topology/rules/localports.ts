import { CENTRAL, UNDERLAY } from '../names.js';
import { inCidr, isNetworkOrBroadcast, parseIpv4, type Cidr } from '../net.js';
import { localportInstance } from '../resolve.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

export function checkLocalports(t: RawTopology, subnets: Map<string, Cidr>, at: At): void {
  const nodes = new Set([CENTRAL, UNDERLAY, ...Object.keys(t.chassis), ...Object.keys(t.vms)]);
  const ips = new Map(Object.entries(t.vms).map(([n, v]) => [`${v.switch}/${v.ip}`, `vms.${n}`]));
  for (const [name, lp] of Object.entries(t.localports)) {
    const path = ['localports', name];
    const subnet = subnets.get(lp.switch);
    if (!(lp.switch in t.switches)) at([...path, 'switch'], `unknown switch '${lp.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
    const ip = parseIpv4(lp.ip);
    if (ip === undefined) at([...path, 'ip'], `'${lp.ip}' is not an IPv4 address`);
    else if (subnet && (!inCidr(ip, subnet) || isNetworkOrBroadcast(ip, subnet))) at([...path, 'ip'], `${lp.ip} is not a host address of switch '${lp.switch}' (${subnet.text})`);
    const other = ips.get(`${lp.switch}/${lp.ip}`);
    if (other) at([...path, 'ip'], `${lp.ip} is already used by ${other}`);
    for (const [i, chassis] of (lp.chassis ?? Object.keys(t.chassis)).entries()) {
      if (!(chassis in t.chassis)) {
        at([...path, 'chassis', i], `unknown chassis '${chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
        continue;
      }
      const instance = localportInstance(name, chassis);
      if (instance.length > 15) at(path, `its instance on ${chassis} would be named '${instance}', longer than 15 characters; use a shorter localport name`, true);
      if (nodes.has(instance)) at(path, `its instance on ${chassis} would be named '${instance}', which is already a node`, true);
      nodes.add(instance);
    }
  }
}
