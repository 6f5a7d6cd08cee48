import { parseIpv4, portProblem } from '../../topology/net.js';
import { specialAddressProblem } from '../../topology/special.js';
import type { AddressBook } from '../../topology/rules/address-book.js';
import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawRouters } from '../routers/schema.js';
import type { RawLoadBalancers } from './schema.js';

/** A backend as OVN takes it (address:port), from a VM name, `vm:port` or `address:port`; undefined when it names nothing. */
export function backendAddress(t: RawCore, backend: string, vipPort: string | undefined): string | undefined {
  const [name = '', port = vipPort] = backend.split(':');
  const ip = t.vms[name]?.ip ?? t.hosts[name]?.ip ?? (parseIpv4(name) !== undefined ? name : undefined);
  if (!ip) return undefined;
  return port ? `${ip}:${port}` : ip;
}

/** Load balancers: VIPs that are addresses of their own on ports that exist, backends that name something, where they are attached. */
export function checkLoadBalancers(t: RawCore & RawRouters & RawLoadBalancers, book: AddressBook, at: At): void {
  for (const [name, lb] of Object.entries(t.load_balancers)) {
    const path = ['load_balancers', name];
    for (const [vip, backends] of Object.entries(lb.vips)) {
      const [addr, port] = vip.split(':');
      const owner = book.portWith(addr!);
      const addressProblem =
        parseIpv4(addr!) === undefined
          ? `'${addr}' is not an IPv4 address`
          : (specialAddressProblem(addr!, 'VIP', 'use an unused address of a lab subnet or a subnet of its own') ??
            (owner && `${addr} is already the address of ${owner}; a VIP needs an address no port has, or OVN answers for it instead of that port`));
      if (addressProblem) at([...path, 'vips', vip], addressProblem, true);
      const vipPort = port !== undefined ? portProblem(port) : undefined;
      if (vipPort) at([...path, 'vips', vip], vipPort, true);
      backends.forEach((b, i) => {
        const address = backendAddress(t, b, port);
        const bport = b.split(':')[1];
        const problem = !address
          ? `backend '${b}' is neither a VM or host of this file nor an address (VMs: ${Object.keys(t.vms).join(', ') || 'none'})`
          : ((bport !== undefined ? portProblem(bport, `backend '${b}'`) : undefined) ??
            specialAddressProblem(address.split(':')[0]!, 'backend', 'name a VM or host, or give the address of one') ??
            (port !== undefined && !address.includes(':') ? 'a VIP with a port needs backends with ports' : undefined) ??
            (port === undefined && b.includes(':') ? 'a VIP without a port takes backends without ports' : undefined));
        if (problem) at([...path, 'vips', vip, i], problem);
      });
    }
    lb.switches.forEach((s, i) => {
      if (!(s in t.switches)) at([...path, 'switches', i], `unknown switch '${s}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
    });
    lb.routers.forEach((r, i) => {
      if (!(r in t.routers)) at([...path, 'routers', i], `unknown router '${r}' (routers in this file: ${Object.keys(t.routers).join(', ') || 'none'})`);
    });
    const hc = lb.health_check;
    if (hc) {
      if (parseIpv4(hc.source) === undefined) at([...path, 'health_check', 'source'], `'${hc.source}' is not an IPv4 address`);
      if (!Object.keys(lb.vips).some((v) => v.includes(':'))) at([...path, 'health_check'], 'health checks probe a port: give a VIP with one', true);
      for (const backends of Object.values(lb.vips)) {
        for (const b of backends) {
          const vm = t.vms[b.split(':')[0]!];
          if (!vm) at([...path, 'health_check'], `backend '${b}' is not a VM of this file: OVN probes backends through their logical port`, true);
          else if (vm.ip === hc.source) at([...path, 'health_check', 'source'], `${hc.source} is ${b.split(':')[0]}'s own address; probes need an unused one`);
        }
      }
    }
    if (!lb.switches.length && !lb.routers.length) at(path, 'a load balancer does nothing until it is attached: give it switches or routers', true);
  }
}
