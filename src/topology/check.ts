import { CENTRAL, UNDERLAY, nameProblem } from './names.js';
import { inCidr, isMulticastMac, isNetworkOrBroadcast, parseCidr, parseIpv4, type Cidr } from './net.js';
import type { SchemaProblem } from './schema-issues.js';
import type { RawTopology } from './schema.js';
import { defaultMac, dhcpRouter, dhcpServer, dnsmasqOn, hostSubnet, localportInstance, routerPortMac } from './resolve.js';

/**
 * Relations the schema cannot see: names unique and safe for iproute2, references that exist,
 * addresses inside their subnets and not taken twice. Runs before anything is created.
 */
export function checkTopology(t: RawTopology): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const at = (path: PropertyKey[], message: string, atKey = false) => problems.push({ path, atKey, message });

  checkNodeNames(t, at);

  const underlay = parseCidr(t.underlay.subnet);
  if (!underlay) at(['underlay', 'subnet'], `'${t.underlay.subnet}' is not a subnet (network address/prefix, like 192.168.100.0/24)`);
  else checkUnderlay(t, underlay, at);

  const subnets = new Map<string, Cidr>();
  for (const [name, sw] of Object.entries(t.switches)) {
    const cidr = parseCidr(sw.subnet);
    if (!cidr) {
      at(['switches', name, 'subnet'], `'${sw.subnet}' is not a subnet: write the network address and prefix, like 172.16.255.128/26`);
      continue;
    }
    subnets.set(name, cidr);
    for (const key of ['server_id', 'router', 'dns_server'] as const) {
      const value = sw.dhcp?.[key];
      if (value === undefined) continue;
      const ip = parseIpv4(value);
      if (ip === undefined) at(['switches', name, 'dhcp', key], `'${value}' is not an IPv4 address`);
      else if (key !== 'dns_server' && !inCidr(ip, cidr)) at(['switches', name, 'dhcp', key], `${value} is outside the switch subnet ${cidr.text}`);
    }
  }

  checkVms(t, subnets, at);
  checkRouters(t, subnets, at);
  checkLocalports(t, subnets, at);
  checkServices(t, subnets, at);
  checkProviderNetworks(t, at);
  return problems;
}

function checkProviderNetworks(t: RawTopology, at: At): void {
  const networks = Object.keys(t.networks);
  const unknownNetwork = (path: PropertyKey[], name: string) =>
    at(path, `unknown provider network '${name}' (networks in this file: ${networks.join(', ') || 'none; add a networks section'})`);
  for (const [name, net] of Object.entries(t.networks)) {
    void net;
    if (name.length > 12) at(['networks', name], `a network name has at most 12 characters (interface names are derived from it)`, true);
  }
  for (const [name, c] of Object.entries(t.chassis)) {
    const bridges = new Set<string>();
    for (const [network, bridge] of Object.entries(c?.bridge_mappings ?? {})) {
      const path = ['chassis', name, 'bridge_mappings', network];
      if (!networks.includes(network)) unknownNetwork(path, network);
      if (['br-int', 'br-phy'].includes(bridge)) at(path, `${bridge} is a bridge lab makes for OVN itself; map the network to another one, like br-ex`);
      if (bridges.has(bridge)) at(path, `bridge ${bridge} is already mapped on chassis ${name}; one network per bridge`);
      bridges.add(bridge);
    }
  }
  for (const [name, sw] of Object.entries(t.switches)) {
    if (sw.provider && !networks.includes(sw.provider)) unknownNetwork(['switches', name, 'provider'], sw.provider);
  }
  const nodes = new Set([CENTRAL, UNDERLAY, ...Object.keys(t.chassis), ...Object.keys(t.vms), ...Object.keys(t.services)]);
  for (const [name, h] of Object.entries(t.hosts)) {
    const path = ['hosts', name];
    const problem = nameProblem(name);
    if (problem) at(path, problem, true);
    if (nodes.has(name)) at(path, `the name '${name}' is already used by another node`, true);
    nodes.add(name);
    if (!networks.includes(h.network)) {
      unknownNetwork([...path, 'network'], h.network);
      continue;
    }
    if (!hostSubnet(t, h.network, h.ip)) {
      at([...path, 'ip'], `${h.ip} is in no subnet of a switch on network '${h.network}'; add a switch with provider: ${h.network} whose subnet holds it`);
    }
    const ep = h.external_port;
    if (h.dhcp && !ep) at([...path, 'dhcp'], 'a host gets DHCP from OVN through an external_port; add one (switch and ha_chassis)');
    if (!ep) continue;
    const sw = t.switches[ep.switch];
    if (!sw) at([...path, 'external_port', 'switch'], `unknown switch '${ep.switch}' (switches in this file: ${Object.keys(t.switches).join(', ')})`);
    else if (sw.provider !== h.network) at([...path, 'external_port', 'switch'], `switch '${ep.switch}' is not on network '${h.network}' (give it provider: ${h.network})`);
    else if (h.dhcp && !sw.dhcp) at([...path, 'external_port', 'switch'], `switch '${ep.switch}' has no dhcp section, so OVN has no DHCP to give this host`);
    ep.ha_chassis.forEach((c, i) => {
      const chassis = t.chassis[c];
      if (!(c in t.chassis)) at([...path, 'external_port', 'ha_chassis', i], `unknown chassis '${c}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
      else if (!chassis?.bridge_mappings?.[h.network]) at([...path, 'external_port', 'ha_chassis', i], `chassis ${c} has no bridge mapping for network '${h.network}', so it cannot answer this host`);
    });
  }
}

function checkServices(t: RawTopology, subnets: Map<string, Cidr>, at: At): void {
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

function checkLocalports(t: RawTopology, subnets: Map<string, Cidr>, at: At): void {
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

function checkRouters(t: RawTopology, subnets: Map<string, Cidr>, at: At): void {
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

type At = (path: PropertyKey[], message: string, atKey?: boolean) => void;

function checkNodeNames(t: RawTopology, at: At): void {
  if (Object.keys(t.chassis).length === 0) at(['chassis'], 'a lab needs at least one chassis');
  const seen = new Map<string, string>([[CENTRAL, 'the central node'], [UNDERLAY, 'the underlay']]);
  const groups: [string, string[]][] = [
    ['chassis', Object.keys(t.chassis)],
    ['vms', Object.keys(t.vms)],
  ];
  for (const [group, names] of groups) {
    for (const name of names) {
      const problem = nameProblem(name);
      if (problem) at([group, name], problem, true);
      const other = seen.get(name.toLowerCase());
      if (other) at([group, name], `the name '${name}' is already used by ${other}; node names must be unique`, true);
      seen.set(name.toLowerCase(), `${group}.${name}`);
    }
  }
}

function checkUnderlay(t: RawTopology, subnet: Cidr, at: At): void {
  const wanted = Object.keys(t.chassis).length + 1;
  if (2 ** (32 - subnet.prefix) - 2 < wanted) {
    at(['underlay', 'subnet'], `${subnet.text} has too few addresses for ${wanted} nodes; use a larger subnet`);
    return;
  }
  const taken = new Map<string, string>();
  const claim = (path: PropertyKey[], ip: string) => {
    const n = parseIpv4(ip);
    if (n === undefined) return at(path, `'${ip}' is not an IPv4 address`);
    if (!inCidr(n, subnet) || isNetworkOrBroadcast(n, subnet)) return at(path, `${ip} is not a host address of the underlay subnet ${subnet.text}`);
    const other = taken.get(ip);
    if (other) return at(path, `${ip} is already the underlay address of ${other}`);
    taken.set(ip, path.slice(0, 2).join('.'));
  };
  if (t.central.ip) claim(['central', 'ip'], t.central.ip);
  for (const [name, c] of Object.entries(t.chassis)) if (c?.ip) claim(['chassis', name, 'ip'], c.ip);
}

function checkVms(t: RawTopology, subnets: Map<string, Cidr>, at: At): void {
  const ips = new Map<string, string>();
  const macs = new Map<string, string>();
  const ports = new Map<string, string>();
  for (const [name, sw] of Object.entries(t.switches)) {
    const subnet = subnets.get(name);
    if (!sw.dhcp || !subnet) continue;
    const router = dhcpRouter(t, name);
    const server = dhcpServer(sw, subnet, router);
    macs.set(server.mac, `the DHCP server of switch '${name}'`);
    ips.set(`${name}/${server.ip}`, `the DHCP server of switch '${name}'`);
    if (router) ips.set(`${name}/${router}`, `the router of switch '${name}'`);
  }
  for (const [name, vm] of Object.entries(t.vms)) {
    const path = ['vms', name];
    if (!(vm.chassis in t.chassis)) {
      at([...path, 'chassis'], `unknown chassis '${vm.chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ') || 'none'})`);
    }
    const sw = t.switches[vm.switch];
    if (!sw) {
      at([...path, 'switch'], `unknown switch '${vm.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
    } else if (vm.dhcp && !sw.dhcp && !dnsmasqOn(t, vm.switch)) {
      at([...path, 'dhcp'], `switch '${vm.switch}' has no dhcp section and no dnsmasq service; add one or set dhcp: false`);
    }
    const ip = parseIpv4(vm.ip);
    const subnet = subnets.get(vm.switch);
    if (ip === undefined) at([...path, 'ip'], `'${vm.ip}' is not an IPv4 address`);
    else if (subnet && !inCidr(ip, subnet)) at([...path, 'ip'], `${vm.ip} is outside the subnet ${subnet.text} of switch '${vm.switch}'`);
    else if (subnet && isNetworkOrBroadcast(ip, subnet)) at([...path, 'ip'], `${vm.ip} is the network or broadcast address of ${subnet.text}`);
    else {
      const key = `${vm.switch}/${vm.ip}`;
      const other = ips.get(key);
      if (other) at([...path, 'ip'], `${vm.ip} is already used by ${other}`);
      ips.set(key, `vms.${name}.ip`);
    }
    const mac = (vm.mac ?? (ip !== undefined ? defaultMac(ip) : '')).toLowerCase();
    if (mac && isMulticastMac(mac)) at([...path, 'mac'], `${mac} is a multicast MAC; the first byte must be even (like 02:…)`);
    const otherMac = mac ? macs.get(mac) : undefined;
    if (otherMac) at([...path, vm.mac ? 'mac' : 'ip'], `MAC ${mac} is already used by ${otherMac}`);
    if (mac) macs.set(mac, `vms.${name}.mac`);
    for (const [tag, v] of Object.entries(vm.vlans ?? {})) {
      const vpath = [...path, 'vlans', tag];
      if (Number(tag) < 1 || Number(tag) > 4094) at(vpath, `VLAN tag ${tag} is outside 1-4094`, true);
      const vsw = t.switches[v.switch];
      const vsubnet = subnets.get(v.switch);
      if (!vsw) {
        at([...vpath, 'switch'], `unknown switch '${v.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
        continue;
      }
      if (v.dhcp && !vsw.dhcp) at([...vpath, 'dhcp'], `switch '${v.switch}' has no dhcp section; add one or set dhcp: false`);
      const vip = parseIpv4(v.ip);
      if (vip === undefined) at([...vpath, 'ip'], `'${v.ip}' is not an IPv4 address`);
      else if (vsubnet && (!inCidr(vip, vsubnet) || isNetworkOrBroadcast(vip, vsubnet))) at([...vpath, 'ip'], `${v.ip} is not a host address of switch '${v.switch}' (${vsubnet.text})`);
      else {
        const other = ips.get(`${v.switch}/${v.ip}`);
        if (other) at([...vpath, 'ip'], `${v.ip} is already used by ${other}`);
        ips.set(`${v.switch}/${v.ip}`, `vms.${name}.vlans.${tag}`);
      }
      const vmac = (v.mac ?? (vip !== undefined ? defaultMac(vip) : '')).toLowerCase();
      const otherVmac = vmac ? macs.get(vmac) : undefined;
      if (otherVmac) at([...vpath, v.mac ? 'mac' : 'ip'], `MAC ${vmac} is already used by ${otherVmac}`);
      if (vmac) macs.set(vmac, `vms.${name}.vlans.${tag}`);
    }
    const port = vm.port ?? `${vm.switch}-${name}`;
    const otherPort = ports.get(port);
    if (otherPort) at([...path, 'port'], `logical port '${port}' is already used by ${otherPort}`);
    ports.set(port, `vms.${name}`);
  }
}
