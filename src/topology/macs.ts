import { macFromIpv4, parseIpv4 } from './net.js';
import { canonical6, eui64, parseCidr6 } from './net6.js';
import type { RawRouters } from '../features/routers/schema.js';
import type { RawCore } from './schema-core.js';

/** How the VMs of a switch get their IPv6 address, from the RA mode of the router port on it. */
export type Ipv6Mode = 'static' | 'slaac' | 'dhcpv6';

/** The router port on a switch that has an IPv6 address, with its router's name. */
export function ipv6RouterPort(t: RawRouters, switchName: string) {
  for (const [router, r] of Object.entries(t.routers)) {
    const port = r.ports.find((p) => p.switch === switchName && p.ip6 !== undefined);
    if (port) return { router, port };
  }
  return undefined;
}

/**
 * SLAAC (ra slaac or dhcpv6_stateless: the address from the prefix and the MAC), DHCPv6 (ra
 * dhcpv6_stateful: the address from OVN's DHCPv6), or static (no RA: lab sets it).
 */
export function ipv6Mode(t: RawRouters, switchName: string): Ipv6Mode {
  const ra = ipv6RouterPort(t, switchName)?.port.ra;
  if (ra === 'dhcpv6_stateful') return 'dhcpv6';
  return ra ? 'slaac' : 'static';
}

/** A VM's MAC as resolved: written, else derived from its IPv4 address, else (IPv6 only) from its name. */
export function vmMac(vm: { mac?: string; ip?: string }, name = ''): string {
  if (vm.mac) return vm.mac.toLowerCase();
  if (vm.ip !== undefined) return macFromIpv4(0x02, parseIpv4(vm.ip) ?? 0);
  return hashedMac(0x02, name);
}

/** A MAC of `first`:01 and a 32-bit FNV-1a hash of a text: apart from the `first`:00 MACs of IPv4 addresses. */
function hashedMac(first: number, text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return macFromIpv4(first, h).replace(/^(..):00/, '$1:01');
}

/** A router port's MAC when the file gives none: 06:00 and its IPv4 address' four bytes, else 06:01 and a hash of its IPv6 address. */
export function routerPortMac(port: { ip?: string; ip6?: string }): string {
  return port.ip !== undefined ? macFromIpv4(0x06, parseIpv4(port.ip) ?? 0) : hashedMac(0x06, canonical6(port.ip6 ?? '::'));
}

/** A VM's IPv6 address: written (canonical), else the EUI-64 address of its MAC in the switch's subnet6. */
export function vmIpv6(t: RawCore, vm: RawCore['vms'][string], name: string): string | undefined {
  const subnet = parseCidr6(t.switches[vm.switch]?.subnet6 ?? '');
  if (!subnet) return undefined;
  return vm.ip6 !== undefined ? canonical6(vm.ip6) : eui64(subnet, vmMac(vm, name));
}
