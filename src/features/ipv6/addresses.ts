import { canonical6, eui64, parseCidr6 } from '../../topology/net6.js';
import { vmMac } from '../../topology/macs.js';
import type { RawRouters } from '../routers/schema.js';
import type { RawCore } from '../../topology/schema-core.js';

/** How the VMs of a switch get their IPv6 address, from the RA mode of the router port on it. */
export type Ipv6Mode = 'static' | 'slaac' | 'dhcpv6';

/** The router port on a switch that has an IPv6 address, with its router's name. */
export function ipv6RouterPort(t: Partial<RawRouters>, switchName: string) {
  for (const [router, r] of Object.entries(t.routers ?? {})) {
    const port = r.ports.find((p) => p.switch === switchName && p.ip6 !== undefined);
    if (port) return { router, port };
  }
  return undefined;
}

/**
 * SLAAC (ra slaac or dhcpv6_stateless: the address from the prefix and the MAC), DHCPv6 (ra
 * dhcpv6_stateful: the address from OVN's DHCPv6), or static (no RA: lab sets it).
 */
export function ipv6Mode(t: Partial<RawRouters>, switchName: string): Ipv6Mode {
  const ra = ipv6RouterPort(t, switchName)?.port.ra;
  if (ra === 'dhcpv6_stateful') return 'dhcpv6';
  return ra ? 'slaac' : 'static';
}

/** A VM's IPv6 address: written (canonical), else the EUI-64 address of its MAC in the switch's subnet6. */
export function vmIpv6(t: RawCore, vm: RawCore['vms'][string], name: string): string | undefined {
  const subnet = parseCidr6(t.switches[vm.switch]?.subnet6 ?? '');
  if (!subnet) return undefined;
  return vm.ip6 !== undefined ? canonical6(vm.ip6) : eui64(subnet, vmMac(vm, name));
}
