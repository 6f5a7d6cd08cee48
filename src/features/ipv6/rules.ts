import { canonical6, eui64, inCidr6, parseCidr6, parseIpv6, specialBlock6, type Cidr6 } from '../../topology/net6.js';
import { vmMac } from '../../topology/macs.js';
import { hostSwitch } from '../../topology/host-switch.js';
import type { AddressBook } from '../../topology/rules/address-book.js';
import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawProviders } from '../providers/schema.js';
import type { RawRouters } from '../routers/schema.js';
import { ipv6RouterPort } from './addresses.js';

/** The file as IPv6 reads it: the core's objects, the routers' ports (their ip6 and ra) and the provider networks (hosts'). */
type RawIpv6 = RawCore & Partial<RawRouters> & Partial<Pick<RawProviders, 'networks'>>;

/**
 * The IPv6 side of a lab: subnet6 and dhcp6 of switches, ip6 and ra of router ports, ip6 of VMs
 * and hosts (their addresses claimed in that order).
 */
export function checkIpv6(t: RawIpv6, book: AddressBook, at: At): void {
  const subnets = checkSwitches6(t, at);
  checkRouterPorts6(t, subnets, book, at);
  checkVms6(t, subnets, book, at);
  checkHosts6(t, book, at);
  checkSubnetsOn(t, at);
}

/** The switches' subnet6 and dhcp6; returns the IPv6 subnets that are good. */
function checkSwitches6(t: RawIpv6, at: At): Map<string, Cidr6> {
  const subnets = new Map<string, Cidr6>();
  for (const [name, sw] of Object.entries(t.switches)) {
    if (sw.subnet6 !== undefined) {
      const c = parseCidr6(sw.subnet6);
      const block = c && specialBlock6(c);
      if (!c) at(['switches', name, 'subnet6'], `'${sw.subnet6}' is not a subnet: write the network address and prefix, like fd00:10::/64`);
      else if (block) at(['switches', name, 'subnet6'], `${c.text} overlaps ${block}, where ports cannot have addresses; use a unique local subnet like fd00:10::/64`);
      else if (c.prefix > 126) at(['switches', name, 'subnet6'], `${c.text} leaves no room for ports; use a /64`);
      else subnets.set(name, c);
    }
    if (sw.dhcp6 && sw.subnet6 === undefined) at(['switches', name, 'dhcp6'], `dhcp6 serves an IPv6 subnet: give switch '${name}' a subnet6 (like fd00:10::/64)`);
    else if (sw.dhcp6 && !ipv6RouterPort(t, name)?.port.ra?.startsWith('dhcpv6')) {
      at(['switches', name, 'dhcp6'], `VMs learn their IPv6 prefix and gateway from router advertisements: give the router port on '${name}' an ip6 and ra: dhcpv6_stateful (addresses from DHCPv6) or dhcpv6_stateless (options only)`);
    }
  }
  return subnets;
}

/** Router ports' ip6 and ra (the routers' fields, which IPv6 gives a meaning). */
function checkRouterPorts6(t: RawIpv6, subnets: ReadonlyMap<string, Cidr6>, book: AddressBook, at: At): void {
  for (const [router, r] of Object.entries(t.routers ?? {})) {
    r.ports.forEach((p, i) => {
      const path = ['routers', router, 'ports', i];
      const subnet = subnets.get(p.switch);
      const sw = t.switches[p.switch];
      if (!sw) return;
      if (p.ip6 !== undefined) {
        if (sw.subnet6 === undefined) at([...path, 'ip6'], `switch '${p.switch}' is IPv4 only: give it a subnet6 (like fd00:10::/64) or drop ip6`);
        else if (subnet) hostAddress(p.ip6, subnet, p.switch, `routers.${router}`, [...path, 'ip6'], book, at, true);
      }
      if (p.ra === undefined) return;
      if (sw.subnet6 === undefined) at([...path, 'ra'], `switch '${p.switch}' is IPv4 only and router advertisements are IPv6: give it a subnet6 (like fd00:10::/64) and this port an ip6, or drop ra`);
      else if (p.ip6 === undefined) at([...path, 'ra'], `router advertisements come from the port's IPv6 address: give this port an ip6 in ${subnet?.text ?? sw.subnet6}`);
      else if (p.ra !== 'dhcpv6_stateful' && subnet && subnet.prefix !== 64) at([...path, 'ra'], `SLAAC (${p.ra}) makes addresses in a /64 only; switch '${p.switch}' has ${subnet.text}`);
      if (p.ra === 'dhcpv6_stateful' && !sw.dhcp6) at([...path, 'ra'], `dhcpv6_stateful tells VMs to ask DHCPv6 for their address: give switch '${p.switch}' a dhcp6 section`);
    });
  }
}

/** VMs' ip6, written or the one SLAAC makes. */
function checkVms6(t: RawIpv6, subnets: ReadonlyMap<string, Cidr6>, book: AddressBook, at: At): void {
  for (const [name, vm] of Object.entries(t.vms)) {
    const path = ['vms', name];
    const sw = t.switches[vm.switch];
    const subnet = subnets.get(vm.switch);
    if (!sw || (sw.subnet6 !== undefined && !subnet)) continue;
    if (vm.ip6 !== undefined && sw.subnet6 === undefined) {
      at([...path, 'ip6'], `switch '${vm.switch}' is IPv4 only: give it a subnet6 (like fd00:10::/64) or drop ip6`);
      continue;
    }
    if (!subnet) continue;
    const ra = ipv6RouterPort(t, vm.switch)?.port.ra;
    const slaac = eui64(subnet, vmMac(vm));
    if (vm.ip6 !== undefined && (ra === 'slaac' || ra === 'dhcpv6_stateless') && canonical6(vm.ip6) !== slaac) {
      at([...path, 'ip6'], `with ra ${ra} the VM makes its own address from its MAC: ${slaac}; drop ip6 or write that`);
      continue;
    }
    hostAddress(vm.ip6 ?? slaac, subnet, vm.switch, `vms.${name}.ip6`, [...path, vm.ip6 !== undefined ? 'ip6' : 'switch'], book, at, false);
  }
}

/** Hosts' static ip6, in the subnet6 of the provider switch their ip is on, and gateway6 with it. */
function checkHosts6(t: RawIpv6, book: AddressBook, at: At): void {
  for (const [name, h] of Object.entries(t.hosts)) {
    const path = ['hosts', name];
    // A host on an unknown network is reported by the providers' rules, and has no switch.
    if (!Object.hasOwn(t.networks ?? {}, h.network)) continue;
    const onSwitch = hostSwitch(t, h.network, h.ip);
    const subnet6 = onSwitch ? t.switches[onSwitch]?.subnet6 : undefined;
    const c6 = subnet6 !== undefined ? parseCidr6(subnet6) : undefined;
    const ip6 = h.ip6 !== undefined ? parseIpv6(h.ip6) : undefined;
    if (h.ip6 !== undefined && onSwitch && !c6) at([...path, 'ip6'], `switch '${onSwitch}', where ${h.ip} is, has no subnet6 for an IPv6 address`);
    else if (h.ip6 !== undefined && c6 && (ip6 === undefined || !inCidr6(ip6, c6))) at([...path, 'ip6'], `${h.ip6} is outside the subnet6 ${c6.text} of switch '${onSwitch}'`);
    else if (h.ip6 !== undefined && onSwitch) book.ip(onSwitch, canonical6(h.ip6), `hosts.${name}`, [...path, 'ip6']);
    if (h.gateway6 !== undefined && h.ip6 === undefined) at([...path, 'gateway6'], 'gateway6 goes with ip6');
  }
}

/** One more subnet of a switch (on:) has no IPv6 of its own: IPv6 belongs to the logical switch as a whole. */
function checkSubnetsOn(t: RawIpv6, at: At): void {
  for (const [name, sw] of Object.entries(t.switches)) {
    if (sw.on === undefined) continue;
    for (const key of ['subnet6', 'dhcp6'] as const) {
      if (sw[key] !== undefined) at(['switches', name, key], `${key} belongs to the logical switch as a whole: write it on '${sw.on}'`);
    }
  }
}

/** An IPv6 host address of a switch: inside its subnet6, not the subnet's own address, not taken. */
function hostAddress(ip: string, subnet: Cidr6, sw: string, owner: string, path: PropertyKey[], book: AddressBook, at: At, routerPort: boolean): void {
  const n = parseIpv6(ip);
  if (n === undefined || !inCidr6(n, subnet)) at(path, `${ip} is outside the subnet6 ${subnet.text} of switch '${sw}'`);
  else if (n === subnet.network) at(path, `${ip} is the subnet-router anycast address of ${subnet.text}; use another`);
  else book.ip(sw, canonical6(ip), owner, path, { routerPort });
}
