import type { Cidr } from './net.js';

/** The Debian releases docker nodes run: bookworm (OVS 3.1, OVN 23.03), trixie (OVS 3.5, OVN 25.03), sid (unstable: OVS 4.0, OVN 26.03 when written; it moves). */
export const RELEASES = ['bookworm', 'trixie', 'sid'] as const;
export type PackagedRelease = (typeof RELEASES)[number];
/** A node image built from OVN and OVS source trees (`lab images build --ovn-src`), named by their versions and commits. */
export type SourceRelease = `src-${string}`;
/** What a docker node's image runs: a Debian release's packages, or OVN built from source. */
export type Release = PackagedRelease | SourceRelease;
/** How a source image's name is written: `src-`, then letters, digits, '.', '_' and '-'. */
export const SOURCE_RELEASE = /^src-[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export function isSourceRelease(release: string): release is SourceRelease {
  return SOURCE_RELEASE.test(release);
}

/** A release's name checked: a packaged release, or a source image's name. */
export function isRelease(release: string): release is Release {
  return (RELEASES as readonly string[]).includes(release) || isSourceRelease(release);
}

/** The runtimes a file may name (src/runtime/ has one folder each). */
export const RUNTIMES = ['netns', 'docker'] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

/** The runtime of a file that names none: the embedded one, network namespaces on this machine. */
export const DEFAULT_RUNTIME: RuntimeName = 'netns';

/**
 * What the file format knows of each runtime, so the rules and messages ask a runtime what it
 * takes instead of comparing its name: whether its nodes live on Docker engines (engines:,
 * engine:, release: images), whether its nodes run OVN build trees of this machine (ovn:, ovs:),
 * and whether a node's commands see the host's files.
 */
export const RUNTIME_TRAITS: Record<RuntimeName, { engines: boolean; buildTrees: boolean; hostFiles: boolean }> = {
  netns: { engines: false, buildTrees: true, hostFiles: true },
  docker: { engines: true, buildTrees: false, hostFiles: false },
};

/** A lab resolved from its topology file: every default filled in, every address decided. */
export interface Lab {
  name: string;
  runtime: RuntimeName;
  /** The release of docker nodes without their own (absent: the default image, bookworm). */
  release?: Release;
  /** netns runtime: the OVN and OVS build trees of central and chassis without their own (absent: this machine's packages). */
  build?: Build;
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
  /** Hosts outside OVN, on provider networks. */
  hosts: Host[];
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
  /** Its own OVN and OVS build trees on the netns runtime (every member of a cluster runs them). */
  build?: Build;
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
  /** Its own OVN and OVS build trees on the netns runtime. */
  build?: Build;
  /** docker runtime across engines: the engine it runs on. */
  engine?: string;
}

/**
 * An OVN or OVS source tree built with its own `./configure && make`, whose binaries and database
 * schemas a node runs uninstalled, as OVN's `make sandbox` does (netns runtime).
 */
export interface BuildTree {
  /** The build directory, absolute: where `make` ran. */
  dir: string;
  /** Where the topology file names it (refusals of a tree point there); absent for --ovn/--ovs. */
  at?: { file: string; line: number; column: number };
  /** Its source directory (the same unless it was built apart from it): the schemas are read there. Set once placed. */
  srcdir?: string;
  /** The version it was configured as (its Makefile's PACKAGE_VERSION). Set once placed. */
  version?: string;
  /** The commit it was built from (git HEAD, or a git archive's commit), when known. Set once placed. */
  commit?: string;
}

/**
 * Where a node's OVN and OVS come from when not from packages. Once the lab is placed on the netns
 * runtime, a node with an OVN tree has its OVS tree too (the one OVN was built against, unless given).
 */
export interface Build {
  ovn?: BuildTree;
  ovs?: BuildTree;
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
  /** Its logical port's addresses are 'unknown' (OVN learns its MAC: the SB FDB table), not its MAC and IP. */
  unknownAddresses?: true;
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

/** A VLAN child port: interface eth0.<tag> in the VM, logical port <switch>-<vm>-<tag> whose parent is the VM's port. */
export interface VmVlan extends VmNic {
  tag: number;
  dhcp: boolean;
}

export type NodeKind = 'central' | 'chassis' | 'vm' | 'host' | 'namespace';

/** Plain Linux routing in a VM, host or namespace: static routes and IPv4 forwarding. */
export interface NodeRouting {
  routes: { to: string; via: string }[];
  forwarding: boolean;
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

/**
 * The build trees a central or chassis runs: its own, else the lab's (a node that names either of
 * OVN and OVS takes neither from the lab); undefined for this machine's (or its release's) packages.
 */
export function buildOf(lab: Lab, node: string): Build | undefined {
  if (node === lab.central?.name || lab.central?.members?.some((m) => m.name === node)) return lab.central.build ?? lab.build;
  const chassis = lab.chassis?.find((c) => c.name === node);
  return chassis ? (chassis.build ?? lab.build) : undefined;
}

/** The lab with one build for every central and chassis (`--ovn`, `--ovs`: a lab on another OVN). */
export function withBuild(lab: Lab, build: Build): Lab {
  const { build: _c, ...central } = lab.central;
  return { ...lab, build, central, chassis: lab.chassis.map(({ build: _b, ...c }) => c) };
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

/** The chassis of `mesh` that `c` has a tunnel to (those it shares a transport zone with), in the mesh's order. */
export function tunnelPeers(c: Chassis, mesh: readonly Chassis[]): Chassis[] {
  let members = zoneMembers.get(mesh);
  if (!members) zoneMembers.set(mesh, (members = membersByZone(mesh)));
  const zones = zonesOf(c);
  const at = zones.flatMap((z) => members.get(z) ?? []);
  // A chassis in several zones may share more than one with a peer: each peer once, in the mesh's order.
  const indexes = zones.length > 1 ? [...new Set(at)].sort((x, y) => x - y) : at;
  return indexes.map((i) => mesh[i]!).filter((o) => o !== c);
}

/**
 * Each mesh's chassis by transport zone (their indexes), found once: asking every chassis of a lab
 * of 1000 for its peers compared every two chassis.
 */
const zoneMembers = new WeakMap<readonly Chassis[], Map<TransportZone, number[]>>();

/** A chassis without transport zones tunnels to every other such chassis: as if they shared one zone of their own. */
const NO_ZONE = Symbol('no transport zone');
type TransportZone = string | typeof NO_ZONE;

/** The zones a chassis tunnels in, as {@link tunnelled} sees them. */
function zonesOf(c: Chassis): readonly TransportZone[] {
  return c.transportZones.length ? c.transportZones : [NO_ZONE];
}

function membersByZone(mesh: readonly Chassis[]): Map<TransportZone, number[]> {
  const members = new Map<TransportZone, number[]>();
  mesh.forEach((c, i) => {
    for (const z of new Set(zonesOf(c))) {
      const zone = members.get(z) ?? [];
      zone.push(i);
      members.set(z, zone);
    }
  });
  return members;
}
