import type { z } from 'zod';
import type { Chassis, Host, Lab, LogicalSwitch, Vm, VmVlan } from '../topology/model.js';
import type { Cidr } from '../topology/net.js';
import type { UnderlayNode } from '../topology/names.js';
import type { AddressBook } from '../topology/rules/address-book.js';
import type { At } from '../topology/rules/at.js';
import type { CoreObject, ObjectFields, RawCore } from '../topology/schema-core.js';
import type { CheckRegistration, StepActionRegistration } from '../topology/checks/spec.js';

/** A topology file as a feature's rules and resolution see it: the core keys and the feature's own. */
type RawWith<Shape extends z.ZodRawShape> = RawCore & z.infer<z.ZodObject<Shape>>;

/** Adds one ovn-nbctl command (its words) to the current unit of the NB configuration. */
export type NbCommand = (...words: string[]) => void;

/**
 * A row of the NB that ports refer to (a DHCP_Options row): made in the transaction of the first
 * port that uses it, and found again through that port in a later one (`get TABLE PORT`).
 */
export interface PortRow {
  /** Unique among every feature's rows (a switch's name; `<switch>/6` for its DHCPv6 row). */
  key: string;
  /** Its id in a transaction is `@<idPrefix><n>`, n counting the rows of that prefix in the registry's order. */
  idPrefix: string;
  table: string;
  /** Its columns, as `ovn-nbctl create` takes them. */
  columns: string[];
}

/** A port the core writes, as a feature's `portNorthbound` sees it. */
export type CorePort = { kind: 'vm'; vm: Vm } | { kind: 'vlan'; vm: Vm; vlan: VmVlan } | { kind: 'external'; host: Host; port: string; switch: string };

/** A port's unit, for a feature's settings of it. */
export interface PortUnit {
  cmd: NbCommand;
  /**
   * The id (`@dhcp0`) of a feature's row, which the port refers to from now on (the first row a
   * port refers to is the one a later transaction finds through it); undefined when there is no
   * such row.
   */
  use: (key: string, port: string) => string | undefined;
}

/** A chassis' link into a network beside the underlay: the interface the runtime makes in the chassis. */
export interface ChassisLink {
  network: string;
  iface: string;
}

/** What a feature draws: nodes of a kind the picture knows, lines between node ids, and what it adds to the core's nodes. */
export interface GraphDraw {
  id(kind: string, name: string): string;
  node(kind: 'central' | 'router' | 'lb' | 'portgroup' | 'namespace' | 'network', name: string, label: string[]): void;
  /** Names the part a VM-like node the core draws plays (its first line gets ` (role)`): a localport's instance. */
  role(kind: 'vm', name: string, role: string): void;
  /** An address a switch (a line of its own, after its subnet) or a VM (on its address line, unless the picture shows live addresses) is planned to have. */
  address(kind: 'switch' | 'vm', name: string, address: string): void;
  /** A line at the end of a switch's label: what serves it (OVN DHCP). */
  note(kind: 'switch', name: string, note: string): void;
  /** A line; `route` (a route's or a policy's next hop) and `nat` (a floating IP's VM) have a direction, from → to. */
  edge(from: string, to: string, label: string, style: 'control' | 'logical' | 'wire' | 'tunnel' | 'route' | 'nat'): void;
}

/**
 * One OVN concept the file knows (load balancers, …), whole in its folder under src/features/: its
 * part of the file format, its rules, how it resolves into the lab, its northbound configuration
 * and what a picture shows of it. Registered with one line in src/features/registry.ts; the
 * loader, `up`, `lab script` and `lab graph` go through every registered feature.
 */
export interface Feature<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  /** The top-level keys it adds to topology files. */
  shape: Shape;
  /**
   * Where its keys go in the file (so in the reference and `lab schema`) and its fields in the lab
   * (and its record): right after the key of that name (as composed so far: the core's and the
   * features' before it), the same or one for each; by default after all of them.
   */
  keysAfter?: string | { file: string; lab: string };
  /**
   * Fields it adds to the core's objects (central, a chassis, a switch, a VM, a host), each placed
   * after a field of theirs (several groups where its fields go to several places); its model.ts
   * declares them into the object's interface (RawCentral, …).
   */
  fields?: Partial<Record<CoreObject, ObjectFields | ObjectFields[]>>;
  /**
   * Nodes it adds on the underlay, with what each is (for a name taken twice): they get their
   * addresses after central's and before the chassis' (a clustered central's other members).
   */
  underlayNodes?(t: RawWith<Shape>): UnderlayNode[];
  /**
   * Relations its schema cannot see (the address book knows every port's address claimed before;
   * `subnets`: the switches' IPv4 subnets the core's rules accepted; `nodes`: every node's name,
   * lowercased, and what has it).
   */
  rules?(t: RawWith<Shape>, book: AddressBook, at: At, subnets: ReadonlyMap<string, Cidr>, nodes: ReadonlyMap<string, string>): void;
  /**
   * When its rules run: right after the switches' subnets (what claims addresses before any port:
   * a switch's DHCP server), right after the VMs' (ports whose addresses are claimed before the
   * hosts': routers, localports, services), by default after every core rule but the last, or
   * after the other features' (what needs them all checked: links, whose routes may use their
   * addresses); in the registry's order within each.
   */
  rulesAfter?: 'switches' | 'vms' | 'features';
  /**
   * Its part of the lab, from the checked file and the core of the lab resolved before it
   * (`underlay` gives the address of a node on the underlay: its own `underlayNodes` too).
   */
  resolve(t: RawWith<Shape>, lab: Lab, underlay: (node: string) => string): Partial<Lab>;
  /** Its NB configuration: each call of `unit` starts a unit of commands that stay in one transaction. */
  northbound?(lab: Lab, unit: () => NbCommand): void;
  /**
   * Where its NB units go: after the logical switches (what ports refer to: localports, …) or, by
   * default, after every VM's and host's port (what refers to ports: routers, ACLs, load balancers,
   * in the registry's order).
   */
  northboundAfter?: 'switches' | 'ports';
  /** Its commands in each logical switch's own unit, right after `ls-add` (a provider switch's localnet port), in the registry's order. */
  switchNorthbound?(sw: LogicalSwitch, cmd: NbCommand): void;
  /** Rows of the NB its port settings refer to (DHCP_Options), in order. */
  portRows?(lab: Lab): PortRow[];
  /** Its settings of each port the core writes, in the port's unit right after the port's own commands, in the registry's order. */
  portNorthbound?(port: CorePort, unit: PortUnit): void;
  /** A chassis' links into networks beside the underlay (a provider network's), each an interface the runtime makes with the node. */
  chassisLinks?(chassis: Chassis): ChassisLink[];
  /**
   * Its commands in a chassis' start, after the tunnel neighbours and before ovn-controller starts
   * (a provider network's bridge and the bridge mappings); `datapath` is the chassis' OVS datapath type.
   */
  chassisCommands?(lab: Lab, chassis: Chassis, datapath: string): string[][];
  /** Its steps of `up`: `() => import('./NAME.up.js')`, loaded when `up` or `lab script` runs. */
  up?: () => Promise<FeatureUpModule>;
  /** What `lab graph` draws of it. */
  graph?(lab: Lab, draw: GraphDraw): void;
  /**
   * Where its lines go among the picture's (its nodes go with their kind's): after the central's
   * (between central's own members: Raft), by default after the VMs' (attachments in OVN: routers,
   * load balancers) or after the hosts' (lines outside OVN: links).
   */
  graphAfter?: 'central' | 'hosts';
  /** Its check kinds, each a spec and the probe that tries it (loaded when such a check runs). */
  checks?: CheckRegistration[];
  /** Its step actions (`- kind: step` with its key), each a schema and the action that does it (loaded when such a step runs). */
  stepActions?: StepActionRegistration[];
}

/** Where a feature's steps of `up` go: after which of the core's steps (`tunnels`: after the chassis and their tunnel neighbours). */
export type UpAnchor = 'underlay' | 'nodes' | 'tunnels' | 'bound' | 'addresses';

/**
 * What a feature's `*.up.ts` module gives `up`: its steps, each placed after one of the core's. The
 * module is the core layer's (it starts things on nodes), loaded only when `up` or `lab script`
 * runs; src/core/step.ts declares its members, so the file format never sees what a step is.
 *
 * @public (augmented by src/core/step.ts, which knip does not count as a use)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the core's declaration (declaration merging)
export interface FeatureUpModule {}

/** A feature, its types checked against its own shape. */
export function defineFeature<Shape extends z.ZodRawShape>(feature: Feature<Shape>): Feature<Shape> {
  return feature;
}
