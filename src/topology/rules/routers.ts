import { inCidr, isNetworkOrBroadcast, parseCidr, parseIpv4, type Cidr } from '../net.js';
import { routerPortMac } from '../resolve.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

export function checkRouters(t: RawTopology, subnets: Map<string, Cidr>, at: At): void {
  const taken = new Map<string, string>();
  for (const [name, vm] of Object.entries(t.vms)) taken.set(`${vm.switch}/${vm.ip}`, `vms.${name}`);
  const ports = new Set(Object.entries(t.vms).map(([n, v]) => v.port ?? `${v.switch}-${n}`));
  const macs = new Map<string, string>();
  for (const [name, r] of Object.entries(t.routers)) {
    if (name in t.chassis || name in t.vms) at(['routers', name], `the name '${name}' is already used by a node; routers need their own names`, true);
    const seen = new Set<string>();
    r.ports.forEach((p, i) => {
      const path = ['routers', name, 'ports', i];
      const subnet = subnets.get(p.switch);
      if (!(p.switch in t.switches)) return at([...path, 'switch'], `unknown switch '${p.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
      if (seen.has(p.switch)) at([...path, 'switch'], `router '${name}' already has a port on switch '${p.switch}'`);
      seen.add(p.switch);
      const ip = parseIpv4(p.ip);
      if (ip === undefined) at([...path, 'ip'], `'${p.ip}' is not an IPv4 address`);
      else if (subnet && (!inCidr(ip, subnet) || isNetworkOrBroadcast(ip, subnet))) at([...path, 'ip'], `${p.ip} is not a host address of switch '${p.switch}' (${subnet.text})`);
      const other = taken.get(`${p.switch}/${p.ip}`);
      if (other) at([...path, 'ip'], `${p.ip} is already used by ${other}`);
      taken.set(`${p.switch}/${p.ip}`, `routers.${name}`);
      for (const port of [`${name}-${p.switch}`, `${p.switch}-${name}`]) {
        if (ports.has(port)) at([...path, 'switch'], `port name '${port}' (made for this router port) is already used; rename the router or the VM`);
        ports.add(port);
      }
      const mac = (p.mac ?? routerPortMac(p.ip)).toLowerCase();
      const otherMac = macs.get(mac);
      if (otherMac) at([...path, p.mac ? 'mac' : 'ip'], `MAC ${mac} is already used by ${otherMac}`);
      macs.set(mac, `routers.${name}.ports.${i}`);
      (p.gateway_chassis ?? []).forEach((c, j) => {
        if (!(c in t.chassis)) at([...path, 'gateway_chassis', j], `unknown chassis '${c}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
      });
    });
    r.routes.forEach((route, i) => {
      if (!parseCidr(route.prefix)) at(['routers', name, 'routes', i, 'prefix'], `'${route.prefix}' is not a subnet (network address/prefix)`);
      if (parseIpv4(route.nexthop) === undefined) at(['routers', name, 'routes', i, 'nexthop'], `'${route.nexthop}' is not an IPv4 address`);
    });
    r.nat.forEach((n, i) => {
      if (parseIpv4(n.external_ip) === undefined) at(['routers', name, 'nat', i, 'external_ip'], `'${n.external_ip}' is not an IPv4 address`);
      if (n.vm && !(n.vm in t.vms)) at(['routers', name, 'nat', i, 'vm'], `unknown VM '${n.vm}' (VMs in this file: ${Object.keys(t.vms).join(', ')})`);
      if (n.vm && n.type !== 'dnat_and_snat') at(['routers', name, 'nat', i, 'vm'], 'vm (a distributed floating IP) goes only with type dnat_and_snat');
    });
  }
}
