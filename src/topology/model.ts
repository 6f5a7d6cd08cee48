import type { Cidr } from './net.js';

/** The Debian releases docker nodes run: bookworm (OVS 3.1, OVN 23.03), trixie (OVS 3.5, OVN 25.03), sid (unstable: OVS 4.0, OVN 26.03 when written; it moves). */
export const RELEASES = ['bookworm', 'trixie', 'sid'] as const;
export type Release = (typeof RELEASES)[number];

/** A lab resolved from its topology file: every default filled in, every address decided. */
export interface Lab {
  name: string;
  runtime: 'netns' | 'docker';
  /** The release of docker nodes without their own (absent: the default image, bookworm). */
  release?: Release;
  datapath: 'auto' | 'netdev' | 'system';
  /** Absolute path of the file it came from, when it came from one. */
  file?: string;
  /** sha256 of the topology text it was read from: `lab test FILE` knows a lab that is up from the same text. */
  digest?: string;
  /**
   * docker runtime: the Docker engines the lab's nodes run on (absent: the local one). Every
   * central member, chassis and host names its engine once the lab is placed ({@link Engine}).
   */
  engines?: Engine[];
  underlay: Underlay;
  central: Central;
  chassis: Chassis[];
  switches: LogicalSwitch[];
  /** VMs, service namespaces (with `service` set) and the per-chassis instances of localports (with `localport` set). */
  vms: Vm[];
  localports: LocalPort[];
  services: Service[];
  /** Provider networks (bridges outside OVN) and the hosts on them. */
  networks: string[];
  hosts: Host[];
  /** Plain namespaces outside OVN and the veth links that join them to VMs (and VMs to each other). */
  namespaces: Namespace[];
  links: Link[];
  /** Port groups (@name in matches), address sets ($name), ACLs, NB_Global options. */
  nbOptions: Record<string, string>;
  /** Commands run in nodes after the lab is up, in order. */
  setup: { node: string; command: string | string[] }[];
  /** Checks as written (defaults filled in), run in this order by `lab test`. */
  checks: CheckSpec[];
}

interface Underlay {
  subnet: Cidr;
  /** The MTU of the underlay network across Docker engines (an overlay network; absent: Docker's 1450). */
  mtu?: number;
}

/** A Docker engine, as DOCKER_HOST names one: unix:///path, tcp://host:port or ssh://user@host. */
export interface Engine {
  name: string;
  url: string;
}

export interface Central {
  name: string;
  /** Underlay address; NB listens on :6641, SB on :6642. */
  ip: string;
  /** NB and SB are reached over SSL (pssl:) with certificates the lab makes, instead of plain TCP. */
  ssl: boolean;
  /** Its own release on the docker runtime (an upgrade: central first). */
  release?: Release;
  /** A Raft cluster: every member (this node first, then central2 …) with its underlay address. */
  members?: { name: string; ip: string; engine?: string }[];
  /** docker runtime across engines: the engine it runs on. */
  engine?: string;
}

export interface Chassis {
  name: string;
  /** Tunnel endpoint (ovn-encap-ip), set on br-phy. */
  ip: string;
  /** Pinned MAC of br-phy, so peers can seed their tunnel neighbour tables. */
  mac: string;
  /** Tunnel type (ovn-encap-type). */
  encap: 'geneve' | 'vxlan';
  /** OVN transport zones (ovn-transport-zones); empty: none, tunnelling only to chassis without zones. */
  transportZones: string[];
  /** Its own release on the docker runtime. */
  release?: Release;
  /** Provider networks reached through OVS bridges (ovn-bridge-mappings). */
  bridgeMappings: BridgeMapping[];
  /** docker runtime across engines: the engine it runs on. */
  engine?: string;
}

interface BridgeMapping {
  network: string;
  bridge: string;
  /** The chassis' link into the provider network, a port of the bridge. */
  iface: string;
}

/** A machine outside OVN on a provider network. */
export interface Host extends Partial<NodeRouting> {
  name: string;
  network: string;
  ip: string;
  prefix: number;
  mac: string;
  dhcp: boolean;
  gateway?: string;
  /** Its static IPv6 address (prefix: the provider switch's subnet6) and IPv6 gateway. */
  ip6?: string;
  prefix6?: number;
  gateway6?: string;
  /** OVN external port serving this host, bound through an HA chassis group. */
  externalPort?: { switch: string; port: string; haChassis: string[] };
  servers: Server[];
  /** docker runtime across engines: the engine it runs on. */
  engine?: string;
}

export interface LogicalSwitch {
  name: string;
  subnet?: Cidr;
  dhcp?: DhcpOptions;
  /** Dual stack: the IPv6 subnet, and OVN's DHCPv6 for it. */
  subnet6?: { text: string; prefix: number };
  dhcp6?: DhcpOptions;
  /** Provider network reached through a localnet port named <switch>-localnet. */
  provider?: string;
  /** One more subnet of another logical switch: the OVN switch this entry's ports are on. */
  on?: string;
}

interface DhcpOptions {
  /** OVN DHCP_Options:options, as ovn-nbctl expects them (strings). */
  options: Record<string, string>;
}

export interface Vm extends Partial<NodeRouting> {
  /** Port security addresses ("MAC address…" entries); none when off. */
  portSecurity?: string[];
  servers: Server[];
  name: string;
  chassis: string;
  switch: string;
  /** Logical switch port name; also the iface-id on br-int. */
  port: string;
  mac: string;
  ip?: string;
  prefix?: number;
  dhcp: boolean;
  mtu: number;
  /** Default gateway for a static VM (the switch's DHCP router, when there is one). */
  gateway?: string;
  /** Set on the instances of a localport: that localport's name (they share its port). */
  localport?: string;
  /** Child ports carried as VLANs on eth0 (eth0 is a trunk). */
  vlans: VmVlan[];
  /** Set on service namespaces: the service's name. */
  service?: string;
  /** On a dual-stack switch: its IPv6 address and how it gets it. */
  ipv6?: VmIpv6;
  /** More OVN ports, each its own interface (eth1 …), static. */
  nics?: VmNic[];
}

/** One more OVN port of a VM: interface ethN in the VM, on its own logical switch port. */
interface VmNic {
  iface: string;
  switch: string;
  port: string;
  ip: string;
  prefix: number;
  mac: string;
}

/** A VM's IPv6 address; `slaac` and `dhcpv6` VMs learn prefix and gateway from the router's RA. */
export interface VmIpv6 {
  ip: string;
  prefix: number;
  mode: 'static' | 'slaac' | 'dhcpv6';
  /** Default gateway of a static VM: the router port's IPv6 address on its switch. */
  gateway?: string;
}

/** A server lab runs: in its own namespace on a switch (a VM-like node, see Lab.vms), or in a VM. */
export interface Service {
  name: string;
  kind: 'dnsmasq';
  /** The node it runs in: its own namespace (the service's name) or the VM that hosts it. */
  node: string;
  /** What it serves on each interface of its node: the subnet, the fixed address of every VM that asks, the router option. */
  ranges: ServiceRange[];
  leaseTime: number;
}

interface ServiceRange {
  iface: string;
  switch: string;
  subnet: Cidr;
  hosts: { mac: string; ip: string }[];
  router?: string;
}

/** A VLAN child port: interface eth0.<tag> in the VM, logical port <switch>-<vm>-<tag> whose parent is the VM's port. */
interface VmVlan extends VmNic {
  tag: number;
  dhcp: boolean;
}

interface LocalPort {
  name: string;
  switch: string;
  /** The one logical switch port (type localport) every instance binds to. */
  port: string;
  ip: string;
  mac: string;
}

export type NodeKind = 'central' | 'chassis' | 'vm' | 'host' | 'namespace';

/** Plain Linux routing in a VM, host or namespace: static routes and IPv4 forwarding. */
export interface NodeRouting {
  routes: { to: string; via: string }[];
  forwarding: boolean;
}

/** A plain namespace outside OVN, reached only through links. */
export interface Namespace extends NodeRouting {
  name: string;
  /** Where it lives on runtimes that place namespaces in a chassis (docker): the chassis of the VM it is linked to. */
  chassis: string;
  servers: Server[];
}

/** A veth between two VMs or namespaces, outside OVN. */
export interface Link {
  ends: [LinkEndSpec, LinkEndSpec];
  mtu: number;
}

interface LinkEndSpec {
  node: string;
  iface: string;
  /** address/prefix, when the end has one. */
  address?: string;
}

/** Fields every check has, whatever its kind. */
export interface CheckBase {
  name: string;
  kind: string;
  /** The OVN versions the check is for ('>=24.03'); skipped elsewhere. */
  ovn?: string;
  /** Seconds to keep trying (positive checks) or to wait out (negative ones). */
  timeout?: number;
}

/** One entry of `checks:` as parsed: its kind's fields beside the common ones. */
export type CheckSpec = CheckBase & Record<string, unknown>;

/** The OVN logical switch a switch entry of the file is: its own, or the one it is a subnet `on`. */
export function logicalSwitchOf(lab: Lab, name: string): string {
  return lab.switches.find((s) => s.name === name)?.on ?? name;
}

/** The central nodes: the one, or every member of its cluster. */
export function centralNames(lab: Lab): string[] {
  return lab.central.members?.map((m) => m.name) ?? [lab.central.name];
}

/** The release a docker node runs: its own, else the lab's (VMs and namespaces live in their chassis). */
export function releaseOf(lab: Lab, node: string): Release | undefined {
  // Records written by older versions of lab (and partial labs in tests) may lack parts.
  if (node === lab.central?.name || lab.central?.members?.some((m) => m.name === node)) return lab.central.release ?? lab.release;
  return lab.chassis?.find((c) => c.name === node)?.release ?? lab.release;
}

/** The lab with one release for every node (`--release`, for running a lab on another OVN). */
export function withRelease(lab: Lab, release: Release): Lab {
  const { release: _c, ...central } = lab.central;
  return { ...lab, release, central, chassis: lab.chassis.map(({ release: _r, ...c }) => c) };
}

/** Every release a lab names, its own and its nodes'. */
export function releasesOf(lab: Lab): Release[] {
  return [...new Set([lab.release, lab.central?.release, ...(lab.chassis ?? []).map((c) => c.release)].filter((r): r is Release => r !== undefined))];
}

/** Names of all nodes of a lab: central, chassis, VMs (with services and localport instances), hosts, namespaces. */
export function nodeNames(lab: Lab): string[] {
  return [...centralNames(lab), ...lab.chassis.map((c) => c.name), ...lab.vms.map((v) => v.name), ...lab.hosts.map((h) => h.name), ...lab.namespaces.map((n) => n.name)];
}

/** A server a VM or host runs: a TCP or UDP listener, or an HTTP server, each answering with the node's name. */
export interface Server {
  kind: 'tcp' | 'udp' | 'http';
  port: number;
}

/**
 * Whether OVN makes a tunnel between two chassis (ovn-controller's chassis_tzones_overlap): both
 * without transport zones, or sharing one.
 */
export function tunnelled(a: Chassis, b: Chassis): boolean {
  if (!a.transportZones.length && !b.transportZones.length) return true;
  return a.transportZones.some((z) => b.transportZones.includes(z));
}

/** The chassis of `mesh` that `c` has a tunnel to (those it shares a transport zone with). */
export function tunnelPeers(c: Chassis, mesh: readonly Chassis[]): Chassis[] {
  return mesh.filter((o) => o !== c && tunnelled(c, o));
}
