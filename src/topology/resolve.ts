import { CENTRAL } from './names.js';
import { ipv6Mode, ipv6RouterPort, routerPortMac, vmIpv6, vmMac } from './ipv6.js';
import { canonical6, parseCidr6 } from './net6.js';
import { formatIpv4, inCidr, macFromIpv4, nthAddress, parseCidr, parseIpv4, underlayMac, type Cidr } from './net.js';
import type { Chassis, Host, Lab, LogicalRouter, LogicalSwitch, Service, Vm } from './model.js';
import type { RawSwitch, RawTopology } from './schema.js';
import { features } from '../features/registry.js';
import { placedBefore } from './key-order.js';
import { proven, subnet6Of, subnetOf, switchOf } from './proven.js';
import { portMac, servers, staticNode } from './ports.js';

/** The address of the (first) router port on a switch, if a router is attached to it. */
function routerOn(t: RawTopology, switchName: string): string | undefined {
  for (const r of Object.values(t.routers)) {
    const port = r.ports.find((p) => p.switch === switchName);
    if (port) return port.ip;
  }
  return undefined;
}

/** The DHCP router option of a switch: as written, else the attached router's address. */
export function dhcpRouter(t: RawTopology, name: string): string | undefined {
  return t.switches[name]?.dhcp?.router ?? routerOn(t, name);
}

/** The DHCP server address and MAC of a switch: as written, else the router, else the first host. */
export function dhcpServer(sw: RawSwitch, subnet: Cidr, router?: string): { ip: string; mac: string } {
  const ip = sw.dhcp?.server_id ?? router ?? formatIpv4(nthAddress(subnet, 1));
  return { ip, mac: (sw.dhcp?.server_mac ?? macFromIpv4(0x02, parseIpv4(ip) ?? 0)).toLowerCase() };
}

/** The names of a central cluster's members: central, central2, central3 … */
export function clusterMembers(size: number): string[] {
  return Array.from({ length: size }, (_, i) => (i === 0 ? CENTRAL : `${CENTRAL}${i + 1}`));
}

/** Underlay addresses: those written, then the free host addresses in order (central first). */
function underlayAddresses(t: RawTopology, subnet: Cidr): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>([t.central.ip, ...Object.values(t.chassis).map((c) => c?.ip)].filter((x): x is string => !!x));
  let next = 1;
  const take = () => {
    for (;;) {
      const ip = formatIpv4(nthAddress(subnet, next++));
      if (!taken.has(ip)) return (taken.add(ip), ip);
    }
  };
  out.set(CENTRAL, t.central.ip ?? take());
  for (const name of clusterMembers(t.central.cluster).slice(1)) out.set(name, take());
  for (const [name, c] of Object.entries(t.chassis)) out.set(name, c?.ip ?? take());
  return out;
}

/** Turns a checked raw topology into a {@link Lab}. Call ruleProblems first. */
export function resolveTopology(t: RawTopology, file?: string): Lab {
  const underlay = proven(parseCidr(t.underlay.subnet), `underlay subnet '${t.underlay.subnet}'`);
  const addresses = underlayAddresses(t, underlay);
  const addressOf = (node: string) => proven(addresses.get(node), `${node} without an underlay address`);
  const vms = Object.entries(t.vms).map(([name, vm]) => resolveVm(t, name, vm));
  const core = {
    name: t.name,
    runtime: t.runtime,
    ...(t.release ? { release: t.release } : {}),
    datapath: t.datapath,
    ...(file ? { file } : {}),
    ...(t.engines ? { engines: Object.entries(t.engines).map(([name, url]) => ({ name, url })) } : {}),
    underlay: { subnet: underlay, ...(t.underlay.mtu ? { mtu: t.underlay.mtu } : {}) },
    central: {
      name: CENTRAL,
      ip: addressOf(CENTRAL),
      ssl: t.central.ssl,
      ...(t.central.release ? { release: t.central.release } : {}),
      ...(t.central.engine ? { engine: t.central.engine } : {}),
      ...(t.central.cluster > 1 ? { members: clusterMembers(t.central.cluster).map((name) => ({ name, ip: addressOf(name) })) } : {}),
    },
    chassis: Object.keys(t.chassis).map((name) => resolveChassis(t, name, addressOf(name))),
    switches: Object.entries(t.switches).map(([name, sw]): LogicalSwitch => ({ ...resolveSwitch(name, sw, dhcpRouter(t, name)), ...resolveSwitch6(t, name), ...(sw.on ? { on: sw.on } : {}) })),
    routers: resolveRouters(t, vms),
    vms: [...vms, ...serviceNodes(t), ...localportInstances(t)],
    services: Object.entries(t.services).map(([name, svc]) => resolveService(t, name, svc, vms)),
    localports: Object.entries(t.localports).map(([name, lp]) => ({ name, switch: lp.switch, port: `${lp.switch}-${name}`, ip: lp.ip, mac: portMac(lp.mac, lp.ip) })),
    networks: Object.keys(t.networks),
    hosts: resolveHosts(t),
    nbOptions: Object.fromEntries(Object.entries(t.nb_options).map(([k, v]) => [k, String(v)])),
    setup: t.setup,
    checks: t.checks as Lab['checks'],
  };
  // Each feature adds its part, where it places it (the core is a whole Lab once they all have).
  return features.reduce<Lab>((lab, f) => placedBefore(lab, f.resolve(t, lab), f.keysBefore?.lab), core as Lab);
}

function resolveChassis(t: RawTopology, name: string, ip: string): Chassis {
  const c = t.chassis[name];
  const bridgeMappings = Object.entries(c?.bridge_mappings ?? {}).map(([network, bridge]) => ({ network, bridge, iface: providerIface(network) }));
  return { name, ip, mac: underlayMac(ip), encap: c?.encap ?? 'geneve', transportZones: c?.transport_zones ?? [], ...(c?.release ? { release: c.release } : {}), bridgeMappings, ...(c?.engine ? { engine: c.engine } : {}) };
}

function resolveVm(t: RawTopology, name: string, vm: RawTopology['vms'][string]): Vm {
  const sw = switchOf(t, vm.switch);
  const subnet = parseCidr(sw.subnet ?? '');
  // No IPv4 on an IPv6-only switch: no address, no DHCPv4.
  const dhcp = vm.ip !== undefined && (vm.dhcp ?? (sw.dhcp !== undefined || (dnsmasqOn(t, vm.switch) && !hostsService(t, name))));
  const gateway = !dhcp && vm.ip !== undefined ? (sw.dhcp?.router ?? routerOn(t, vm.switch)) : undefined;
  const service = hostedService(t, name);
  return {
    name,
    chassis: vm.chassis,
    switch: vm.switch,
    port: vm.port ?? `${vm.switch}-${name}`,
    mac: vmMac(vm, name),
    ...(vm.ip !== undefined && subnet ? { ip: vm.ip, prefix: subnet.prefix } : {}),
    dhcp,
    mtu: vm.mtu,
    servers: servers(vm.servers),
    routes: vm.routes,
    forwarding: vm.forwarding,
    ...vmIpv6Of(t, vm, name),
    // A VM that runs a service (a router VM with dnsmasq) is addressed with the services, first.
    ...(service ? { service } : {}),
    ...(vm.nics ? { nics: Object.entries(vm.nics).map(([iface, n]) => ({ iface, switch: n.switch, port: n.port ?? `${n.switch}-${name}`, ip: n.ip, prefix: subnetOf(t, n.switch).prefix, mac: portMac(n.mac, n.ip) })) } : {}),
    ...(vm.port_security ? { portSecurity: vm.port_security === true ? [[vmMac(vm, name), vm.ip, vmIpv6(t, vm, name)].filter(Boolean).join(' ')] : vm.port_security } : {}),
    ...(gateway ? { gateway } : {}),
    vlans: Object.entries(vm.vlans ?? {}).map(([tag, v]) => ({
      tag: Number(tag),
      iface: `eth0.${tag}`,
      switch: v.switch,
      port: `${v.switch}-${name}-${tag}`,
      ip: v.ip,
      prefix: subnetOf(t, v.switch).prefix,
      mac: portMac(v.mac, v.ip),
      dhcp: v.dhcp ?? switchOf(t, v.switch).dhcp !== undefined,
    })),
  };
}

/** A chassis' interface into a provider network (a port of its mapped bridge). */
function providerIface(network: string): string {
  return `ph-${network}`.slice(0, 15);
}

/** The provider switch on a host's network whose subnet holds its address. */
export function hostSwitch(t: RawTopology, network: string, ip: string): string | undefined {
  const n = parseIpv4(ip);
  for (const [name, sw] of Object.entries(t.switches)) {
    const subnet = parseCidr(sw.subnet ?? '');
    if (sw.provider === network && subnet && n !== undefined && inCidr(n, subnet)) return name;
  }
  return undefined;
}

/** The subnet of a host's address: that of the provider switch on its network that contains it. */
function hostSubnet(t: RawTopology, network: string, ip: string): Cidr | undefined {
  const sw = hostSwitch(t, network, ip);
  return sw ? subnetOf(t, sw) : undefined;
}

function resolveHosts(t: RawTopology): Host[] {
  return Object.entries(t.hosts).map(([name, h]) => ({
    name,
    network: h.network,
    ip: h.ip,
    prefix: proven(hostSubnet(t, h.network, h.ip), `host ${name} outside every subnet of its network`).prefix,
    mac: portMac(h.mac, h.ip),
    dhcp: h.dhcp,
    ...(h.gateway ? { gateway: h.gateway } : {}),
    ...(h.ip6 !== undefined ? { ip6: canonical6(h.ip6), prefix6: subnet6Of(t, proven(hostSwitch(t, h.network, h.ip), `host ${name} on no switch of its network`)).prefix } : {}),
    ...(h.gateway6 !== undefined ? { gateway6: canonical6(h.gateway6) } : {}),
    servers: servers(h.servers),
    routes: h.routes,
    forwarding: h.forwarding,
    ...(h.external_port ? { externalPort: { switch: h.external_port.switch, port: `${h.external_port.switch}-${name}`, haChassis: h.external_port.ha_chassis } } : {}),
    ...(h.engine ? { engine: h.engine } : {}),
  }));
}

/** The interfaces a dnsmasq service listens on, with the switch and its own address there. */
export function serviceInterfaces(t: RawTopology, svc: RawTopology['services'][string]): { iface: string; switch: string; ip: string }[] {
  const vm = svc.vm !== undefined ? t.vms[svc.vm] : undefined;
  if (svc.vm !== undefined) {
    if (!vm || vm.ip === undefined) return [];
    return [{ iface: 'eth0', switch: vm.switch, ip: vm.ip }, ...Object.entries(vm.nics ?? {}).map(([iface, n]) => ({ iface, switch: n.switch, ip: n.ip }))];
  }
  return svc.switch !== undefined && svc.ip !== undefined ? [{ iface: 'eth0', switch: svc.switch, ip: svc.ip }] : [];
}

/** True when a dnsmasq service serves the switch (its VMs then use DHCP by default). */
export function dnsmasqOn(t: RawTopology, switchName: string): boolean {
  return Object.values(t.services).some((s) => s.kind === 'dnsmasq' && serviceInterfaces(t, s).some((i) => i.switch === switchName));
}

/** True when a VM runs a service (it is the server, so it does not ask for a lease itself). */
function hostsService(t: RawTopology, vmName: string): boolean {
  return hostedService(t, vmName) !== undefined;
}

/** The service a VM runs, if any. */
function hostedService(t: RawTopology, vmName: string): string | undefined {
  return Object.entries(t.services).find(([, s]) => s.vm === vmName)?.[0];
}

function resolveService(t: RawTopology, name: string, svc: RawTopology['services'][string], vms: Vm[]): Service {
  return {
    name,
    kind: svc.kind,
    node: svc.vm ?? name,
    ranges: serviceInterfaces(t, svc).map((i) => {
      // In a router VM the VM itself is the way out; in a namespace of its own, the switch's router.
      const router = svc.router ?? (svc.vm !== undefined ? i.ip : routerOn(t, i.switch));
      return {
        iface: i.iface,
        switch: i.switch,
        subnet: subnetOf(t, i.switch),
        hosts: vms.flatMap((v) => (v.switch === i.switch && v.dhcp && v.ip !== undefined ? [{ mac: v.mac, ip: v.ip }] : [])),
        ...(router ? { router } : {}),
      };
    }),
    leaseTime: svc.lease_time,
  };
}

/** Service namespaces, with a static address on their switch. */
function serviceNodes(t: RawTopology): Vm[] {
  return Object.entries(t.services)
    .filter(([, svc]) => svc.vm === undefined)
    .map(([name, svc]) =>
      staticNode(
        t,
        name,
        {
          name,
          chassis: proven(svc.chassis, `service ${name} without a chassis`),
          switch: proven(svc.switch, `service ${name} without a switch`),
          ip: proven(svc.ip, `service ${name} without an address`),
          ...(svc.mac ? { mac: svc.mac } : {}),
        },
        { service: name },
      ),
    );
}

/** The name of a localport's instance on one chassis. */
export function localportInstance(localport: string, chassis: string): string {
  return `${localport}-${chassis}`;
}

/** One namespace per chassis for each localport, all bound to the localport's one port. */
function localportInstances(t: RawTopology): Vm[] {
  return Object.entries(t.localports).flatMap(([name, lp]) => (lp.chassis ?? Object.keys(t.chassis)).map((chassis) => staticNode(t, name, { ...lp, chassis, name: localportInstance(name, chassis) }, { localport: name })));
}

/** A VM's IPv6 side, when its switch has a subnet6. */
function vmIpv6Of(t: RawTopology, vm: RawTopology['vms'][string], name: string): Pick<Vm, 'ipv6'> {
  const ip = vmIpv6(t, vm, name);
  if (!ip) return {};
  const mode = ipv6Mode(t, vm.switch);
  const router = ipv6RouterPort(t, vm.switch)?.port.ip6;
  const subnet6 = subnet6Of(t, vm.switch);
  return { ipv6: { ip, prefix: subnet6.prefix, mode, ...(mode === 'static' && router ? { gateway: canonical6(router) } : {}) } };
}

function resolveRouters(t: RawTopology, vms: Vm[]): LogicalRouter[] {
  return Object.entries(t.routers).map(([name, r]) => ({
    name,
    ...(r.chassis ? { chassis: r.chassis } : {}),
    options: Object.fromEntries(Object.entries(r.options).map(([k, v]) => [k, String(v)])),
    ports: r.ports.map((p) => ({
      name: p.name ?? `${name}-${p.switch}`,
      switchPort: p.switch_port ?? `${p.switch}-${name}`,
      switch: p.switch,
      ...(p.ip !== undefined ? { ip: p.ip, prefix: subnetOf(t, p.switch).prefix } : {}),
      mac: (p.mac ?? routerPortMac(p)).toLowerCase(),
      ...(p.gateway_chassis ? { gatewayChassis: p.gateway_chassis } : {}),
      ...(p.ip6 !== undefined ? { ip6: canonical6(p.ip6), prefix6: subnet6Of(t, p.switch).prefix } : {}),
      ...(p.ra ? { ra: p.ra } : {}),
    })),
    routes: r.routes.map((x) => ({ prefix: x.prefix, nexthops: [x.nexthop].flat(), policy: x.policy, ...(x.port ? { port: x.port } : {}) })),
    policies: r.policies.map((p) => ({ priority: p.priority, match: p.match, action: p.action, ...(p.nexthops ? { nexthops: p.nexthops } : {}) })),
    nat: r.nat.map((n) => {
      const vm = n.vm ? vms.find((v) => v.name === n.vm) : undefined;
      return {
        type: n.type,
        externalIp: n.external_ip,
        logicalIp: n.logical_ip,
        ...(vm ? { logicalPort: vm.port, externalMac: (n.external_mac ?? vm.mac).toLowerCase() } : {}),
        ...(n.gateway_port ? { gatewayPort: n.gateway_port } : {}),
      };
    }),
  }));
}

function resolveSwitch(name: string, sw: RawSwitch, router: string | undefined): LogicalSwitch {
  const subnet = sw.subnet !== undefined ? parseCidr(sw.subnet) : undefined;
  const provider = sw.provider ? { provider: sw.provider } : {};
  if (!subnet) return { name, ...provider };
  if (!sw.dhcp) return { name, subnet, ...provider };
  const server = dhcpServer(sw, subnet, router);
  const options: Record<string, string> = {
    server_id: server.ip,
    server_mac: server.mac,
    lease_time: String(sw.dhcp.lease_time),
  };
  if (router) options.router = router;
  if (sw.dhcp.mtu) options.mtu = String(sw.dhcp.mtu);
  if (sw.dhcp.dns_server) options.dns_server = `{${sw.dhcp.dns_server}}`;
  for (const [k, v] of Object.entries(sw.dhcp.options ?? {})) options[k] = String(v);
  return { name, subnet, dhcp: { options }, ...provider };
}

/** A switch's IPv6 side: its subnet6 and the DHCPv6 options OVN answers with. */
function resolveSwitch6(t: RawTopology, name: string): Pick<LogicalSwitch, 'subnet6' | 'dhcp6'> {
  const sw = switchOf(t, name);
  const subnet6 = sw.subnet6 !== undefined ? parseCidr6(sw.subnet6) : undefined;
  if (!subnet6) return {};
  const plain = { subnet6: { text: subnet6.text, prefix: subnet6.prefix } };
  if (!sw.dhcp6) return plain;
  const options: Record<string, string> = { server_id: dhcp6ServerMac(t, name) };
  if (sw.dhcp6.dns_server) options.dns_server = `{${canonical6(sw.dhcp6.dns_server)}}`;
  if (sw.dhcp6.domain_search) options.domain_search = `"${sw.dhcp6.domain_search}"`;
  if (ipv6RouterPort(t, name)?.port.ra === 'dhcpv6_stateless') options.dhcpv6_stateless = 'true';
  return { ...plain, dhcp6: { options } };
}

/** The MAC (and DUID) DHCPv6 answers come from: as written, else the IPv6 router port's on the switch. */
function dhcp6ServerMac(t: RawTopology, name: string): string {
  const rp = ipv6RouterPort(t, name)?.port;
  return (t.switches[name]?.dhcp6?.server_mac ?? rp?.mac ?? routerPortMac(rp ?? {})).toLowerCase();
}
