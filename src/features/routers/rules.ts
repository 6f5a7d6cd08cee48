import { inCidr, isNetworkOrBroadcast, parseCidr, parseIpv4, type Cidr } from '../../topology/net.js';
import { inCidr6, parseCidr6, parseIpv6 } from '../../topology/net6.js';
import { routerPortMac } from '../../topology/macs.js';
import { routerOptionProblem } from './router-options.js';
import { routeProblem, specialAddressProblem } from '../../topology/special.js';
import type { AddressBook } from '../../topology/rules/address-book.js';
import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawRouter, RawRouters } from './schema.js';

type Raw = RawCore & RawRouters;

/** Routers: names of their own, their ports on switches that exist, routes, policies and NAT that make sense. */
export function checkRouters(t: Raw, book: AddressBook, at: At, subnets: ReadonlyMap<string, Cidr>): void {
  const ports = new Set(Object.entries(t.vms).map(([n, v]) => v.port ?? `${v.switch}-${n}`));
  for (const [name, r] of Object.entries(t.routers)) {
    if (name in t.chassis || name in t.vms) at(['routers', name], `the name '${name}' is already used by a node; routers need their own names`, true);
    if (r.chassis !== undefined && !(r.chassis in t.chassis)) at(['routers', name, 'chassis'], `unknown chassis '${r.chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
    if (r.chassis !== undefined && r.ports.some((p) => p.gateway_chassis)) at(['routers', name, 'chassis'], 'a gateway router (chassis) runs whole on one chassis: its ports take no gateway_chassis');
    checkRouterPorts(t, name, r, { subnets, book, at, ports });
    for (const [key, value] of Object.entries(r.options)) {
      const problem = routerOptionProblem(key, String(value));
      if (problem) at(['routers', name, 'options', key], problem);
    }
    checkRoutes(t, name, r, at);
    checkPolicies(name, r, at);
    checkNat(t, name, r, at);
  }
}

/** The names of a router's ports, as made or as written. */
function routerPortNames(name: string, r: RawRouter): string[] {
  return r.ports.map((p) => p.name ?? `${name}-${p.switch}`);
}

/** A router's ports: one per switch, an address in its switch's subnet, names and MACs no one else has. */
function checkRouterPorts(t: Raw, name: string, r: RawRouter, { subnets, book, at, ports }: { subnets: ReadonlyMap<string, Cidr>; book: AddressBook; at: At; ports: Set<string> }): void {
  const seen = new Set<string>();
  r.ports.forEach((p, i) => {
    const path = ['routers', name, 'ports', i];
    const subnet = subnets.get(p.switch);
    if (!(p.switch in t.switches)) return at([...path, 'switch'], `unknown switch '${p.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
    if (seen.has(p.switch)) at([...path, 'switch'], `router '${name}' already has a port on switch '${p.switch}'`);
    seen.add(p.switch);
    const sw = t.switches[p.switch]!;
    const ip = p.ip !== undefined ? parseIpv4(p.ip) : undefined;
    let claimed = false;
    if (p.ip === undefined) {
      if (sw.subnet !== undefined) at([...path, 'switch'], `switch '${p.switch}' has an IPv4 subnet (${sw.subnet}): give this port an ip in it`);
      else if (p.ip6 === undefined) at([...path, 'switch'], 'a router port needs an address on its switch: ip6 (the switch is IPv6 only)');
      else claimed = true; // its MAC comes from its IPv6 address
    } else if (sw.subnet === undefined) at([...path, 'ip'], `switch '${p.switch}' is IPv6 only: drop ip (the port has ip6)`);
    else if (ip === undefined) at([...path, 'ip'], `'${p.ip}' is not an IPv4 address`);
    else if (subnet && (!inCidr(ip, subnet) || isNetworkOrBroadcast(ip, subnet))) at([...path, 'ip'], `${p.ip} is not a host address of switch '${p.switch}' (${subnet.text})`);
    else claimed = book.ip(p.switch, p.ip, `routers.${name}`, [...path, 'ip'], { routerPort: true });
    for (const [port, field] of [
      [p.name ?? `${name}-${p.switch}`, p.name ? 'name' : 'switch'],
      [p.switch_port ?? `${p.switch}-${name}`, p.switch_port ? 'switch_port' : 'switch'],
    ] as const) {
      if (ports.has(port)) at([...path, field], `port name '${port}' (made for this router port) is already used; name it (name, switch_port) or rename the router or the VM`);
      ports.add(port);
    }
    book.portMac(p.mac, ip !== undefined || p.ip === undefined ? routerPortMac(p) : undefined, claimed, `routers.${name}.ports.${i}`, path);
    (p.gateway_chassis ?? []).forEach((c, j) => {
      if (!(c in t.chassis)) at([...path, 'gateway_chassis', j], `unknown chassis '${c}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
    });
  });
}

function checkRoutes(t: Raw, name: string, r: RawRouter, at: At): void {
  const routerPorts = routerPortNames(name, r);
  r.routes.forEach((route, i) => {
    const path = ['routers', name, 'routes', i];
    const v6 = route.prefix.includes(':');
    const prefixProblem = (v6 ? parseCidr6(route.prefix) : parseCidr(route.prefix)) ? routeProblem(route.prefix) : `'${route.prefix}' is not a subnet (network address/prefix)`;
    if (prefixProblem) at([...path, 'prefix'], prefixProblem);
    for (const nh of [route.nexthop].flat()) {
      if (!isFamily(nh, v6)) at([...path, 'nexthop'], `'${nh}' is not an ${v6 ? 'IPv6' : 'IPv4'} address, as the prefix ${route.prefix} needs`);
      else if (!onSubnetOf(t, r, nh)) {
        const nets = r.ports.map((p) => (v6 ? t.switches[p.switch]?.subnet6 : t.switches[p.switch]?.subnet)).filter(Boolean);
        at([...path, 'nexthop'], `next hop ${nh} is on none of the subnets of router '${name}' (${nets.join(', ') || 'none'}): OVN would have no port to send it from`);
      }
    }
    if (route.port !== undefined && !routerPorts.includes(route.port)) at([...path, 'port'], `router '${name}' has no port '${route.port}' (its ports: ${routerPorts.join(', ')})`);
    // OVN keeps the connection's next hop in conntrack of the one chassis a gateway router runs on.
    if (route.ecmp_symmetric_reply && r.chassis === undefined) at([...path, 'ecmp_symmetric_reply'], `ecmp_symmetric_reply works on a gateway router only: give router '${name}' a chassis`);
  });
}

function checkPolicies(name: string, r: RawRouter, at: At): void {
  r.policies.forEach((p, i) => {
    const path = ['routers', name, 'policies', i];
    if (p.action === 'reroute' && !p.nexthops) at([...path, 'action'], 'reroute needs nexthops');
    if (p.action !== 'reroute' && p.nexthops) at([...path, 'nexthops'], `nexthops go with action reroute, not ${p.action}`);
    const v6 = (p.nexthops ?? [])[0]?.includes(':') ?? false;
    for (const [j, nh] of (p.nexthops ?? []).entries()) if (!isFamily(nh, v6)) at([...path, 'nexthops', j], `'${nh}' is not an ${v6 ? 'IPv6' : 'IPv4'} address like the first next hop`);
  });
}

function checkNat(t: Raw, name: string, r: RawRouter, at: At): void {
  const routerPorts = routerPortNames(name, r);
  r.nat.forEach((n, i) => {
    const v6 = n.external_ip.includes(':');
    const externalProblem = isFamily(n.external_ip, v6) ? specialAddressProblem(n.external_ip, 'NAT address', 'use an address of a subnet of the router or beyond it') : `'${n.external_ip}' is not an IP address`;
    if (externalProblem) at(['routers', name, 'nat', i, 'external_ip'], externalProblem);
    const logical = n.logical_ip.includes('/') ? (v6 ? parseCidr6 : parseCidr)(n.logical_ip) : isFamily(n.logical_ip, v6) || undefined;
    if (logical === undefined) {
      at(
        ['routers', name, 'nat', i, 'logical_ip'],
        v6
          ? `'${n.logical_ip}' is neither an IPv6 address nor an IPv6 subnet, as the IPv6 external_ip needs (like fd00:50::/64)`
          : `'${n.logical_ip}' is neither an IPv4 address nor a subnet (network address/prefix up to 32, like 10.50.0.0/24)`,
      );
    }
    if (n.vm && !(n.vm in t.vms)) at(['routers', name, 'nat', i, 'vm'], `unknown VM '${n.vm}' (VMs in this file: ${Object.keys(t.vms).join(', ')})`);
    if (n.vm && n.type !== 'dnat_and_snat') at(['routers', name, 'nat', i, 'vm'], 'vm (a distributed floating IP) goes only with type dnat_and_snat');
    if (n.external_mac && !n.vm) at(['routers', name, 'nat', i, 'external_mac'], "external_mac goes with vm (a distributed floating IP answers with it on the VM's chassis)");
    checkAllowedExtIps(n.allowed_ext_ips ?? [], v6, (j, message) => at(['routers', name, 'nat', i, 'allowed_ext_ips', j], message));
    if (n.gateway_port !== undefined && !routerPorts.includes(n.gateway_port)) at(['routers', name, 'nat', i, 'gateway_port'], `router '${name}' has no port '${n.gateway_port}' (its ports: ${routerPorts.join(', ')})`);
  });
}

/** The external addresses a NAT rule is allowed for: addresses or subnets of its own family. */
function checkAllowedExtIps(ips: string[], v6: boolean, at: (index: number, message: string) => void): void {
  ips.forEach((a, j) => {
    const ok = a.includes('/') ? (v6 ? parseCidr6 : parseCidr)(a) !== undefined : isFamily(a, v6);
    if (!ok) at(j, `'${a}' is not an ${v6 ? 'IPv6' : 'IPv4'} address or subnet like the external_ip: an allowed external address is of the rule's family`);
  });
}

/** True when an address lies in the subnet (or subnet6) of a switch the router has a port on. */
function onSubnetOf(t: Raw, r: RawRouter, ip: string): boolean {
  const v4 = parseIpv4(ip);
  const v6 = parseIpv6(ip);
  return r.ports.some((p) => {
    const sw = t.switches[p.switch];
    if (!sw) return true;
    if (v4 !== undefined) {
      const c = sw.subnet !== undefined ? parseCidr(sw.subnet) : undefined;
      return !!c && inCidr(v4, c);
    }
    const c6 = sw.subnet6 !== undefined ? parseCidr6(sw.subnet6) : undefined;
    return v6 !== undefined && !!c6 && inCidr6(v6, c6);
  });
}

/** True when `ip` is an address of the family asked for (IPv6 when v6). */
function isFamily(ip: string, v6: boolean): boolean {
  return v6 ? parseIpv6(ip) !== undefined : parseIpv4(ip) !== undefined;
}
