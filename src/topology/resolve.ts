import { CENTRAL } from './names.js';
import { vmMac } from './macs.js';
import { hostSwitch } from './host-switch.js';
import { formatIpv4, nthAddress, parseCidr, underlayMac, type Cidr } from './net.js';
import type { Chassis, Host, Lab, LogicalSwitch, Vm } from './model.js';
import type { RawSwitch, RawTopology } from './schema.js';
import { anchor, features, underlayNodesOf } from '../features/registry.js';
import { placed } from './placed.js';
import { resolveExercises } from '../features/exercises/index.js';
import { routerOn } from '../features/routers/resolve.js';
import { dnsmasqOn, hostedService, hostsService } from '../features/services/resolve.js';
import { proven, subnetOf, switchOf } from './proven.js';
import { portMac, servers } from './ports.js';

/** Underlay addresses: those written, then the free host addresses in order (central first, then the features' nodes, then the chassis). */
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
  for (const { name } of underlayNodesOf(t)) out.set(name, take());
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
    },
    chassis: Object.keys(t.chassis).map((name) => resolveChassis(t, name, addressOf(name))),
    switches: Object.entries(t.switches).map(([name, sw]): LogicalSwitch => ({ ...resolveSwitch(name, sw), ...(sw.on ? { on: sw.on } : {}) })),
    vms,
    hosts: resolveHosts(t),
    nbOptions: Object.fromEntries(Object.entries(t.nb_options).map(([k, v]) => [k, String(v)])),
    setup: t.setup,
    checks: t.checks as Lab['checks'],
  };
  // Each feature adds its part (the core is a whole Lab once they all have).
  const lab = features.reduce<Lab>((lab, f) => placed(lab, f.resolve(t, lab, addressOf), anchor(f, 'lab')), core as Lab);
  // Exercises last, after the checks they are written after (and hold checks of every feature's kinds).
  return { ...lab, ...resolveExercises(t) };
}

/** A chassis as the core has it (features add theirs: its bridge mappings). */
function resolveChassis(t: RawTopology, name: string, ip: string): Omit<Chassis, 'bridgeMappings'> {
  const c = t.chassis[name];
  return { name, ip, mac: underlayMac(ip), encap: c?.encap ?? 'geneve', transportZones: c?.transport_zones ?? [], ...(c?.release ? { release: c.release } : {}), ...(c?.engine ? { engine: c.engine } : {}) };
}

function resolveVm(t: RawTopology, name: string, vm: RawTopology['vms'][string]): Vm {
  const sw = switchOf(t, vm.switch);
  const subnet = parseCidr(sw.subnet ?? '');
  // No IPv4 on an IPv6-only switch: no address, no DHCPv4.
  const dhcp = vm.ip !== undefined && vm.addresses === undefined && (vm.dhcp ?? (sw.dhcp !== undefined || (dnsmasqOn(t, vm.switch) && !hostsService(t, name))));
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
    // A VM that runs a service (a router VM with dnsmasq) is addressed with the services, first.
    ...(service ? { service } : {}),
    ...(vm.nics ? { nics: Object.entries(vm.nics).map(([iface, n]) => ({ iface, switch: n.switch, port: n.port ?? `${n.switch}-${name}`, ip: n.ip, prefix: subnetOf(t, n.switch).prefix, mac: portMac(n.mac, n.ip) })) } : {}),
    ...(vm.port_security ? { portSecurity: vm.port_security === true ? [[vmMac(vm, name), vm.ip].filter(Boolean).join(' ')] : vm.port_security } : {}),
    ...(gateway ? { gateway } : {}),
    ...(vm.addresses === 'unknown' ? { unknownAddresses: true as const } : {}),
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
    servers: servers(h.servers),
    routes: h.routes,
    forwarding: h.forwarding,
    ...(h.external_port ? { externalPort: { switch: h.external_port.switch, port: `${h.external_port.switch}-${name}`, haChassis: h.external_port.ha_chassis } } : {}),
    ...(h.engine ? { engine: h.engine } : {}),
  }));
}

/** A switch: its IPv4 subnet (the dhcp feature adds its DHCP options, ipv6 its IPv6 side, providers its provider network). */
function resolveSwitch(name: string, sw: RawSwitch): LogicalSwitch {
  const subnet = sw.subnet !== undefined ? parseCidr(sw.subnet) : undefined;
  return subnet ? { name, subnet } : { name };
}
