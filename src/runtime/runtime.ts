import type { ExecOptions, ExecResult } from '../base/exec.js';
import type { NodeFile } from '../base/files.js';
import type { Link, Namespace } from '../features/links/model.js';
import type { Host, Vm } from '../topology/model.js';
import type { Terminal, TerminalSize } from './terminal.js';

export type { NodeFile };

/** A lab's underlay moved off the file's subnet (a copy of the file beside another): the subnet it takes, and why. */
export interface UnderlayMove {
  subnet: string;
  why: string;
}

export interface DestroyOptions {
  /**
   * Remove only what was made for this lab's state directory (the lab has a record): resources of
   * the same name made for another LAB_STATE_DIR are another lab's. Without it, everything of the
   * name goes (`down` of a lab with no record left).
   */
  onlyOurs?: boolean;
}

/** A central or chassis node as the runtime creates it: eth0 on the underlay holding `ip`. */

export interface NodeSpec {
  name: string;
  ip: string;
  prefix: number;
  /**
   * The MAC its eth0 gets, where lab fixes it: a central's (chassis hold it as a neighbour), and
   * across Docker engines a chassis' (that of br-phy, which takes over its address).
   */
  mac?: string;
}

/**
 * Where a lab's nodes live. One instance serves one lab; everything it creates carries
 * the lab's mark so {@link Runtime.destroy} finds it from the system alone.
 * OVS/OVN set-up is not here: it is the same on every runtime and runs through {@link Runtime.exec}.
 */
export interface Runtime {
  readonly name: string;
  /** Its commands are written down (`lab script`), not run. */
  readonly recording?: boolean;
  /** Refuses, with a user error saying what to do, when this host cannot run the lab (not root, a program or image missing, no daemon). */
  preflight(): Promise<void>;
  /** Creates the network that joins central and chassis (it carries Geneve and the SB connection). */
  createUnderlay(subnet: string): Promise<void>;
  /** Creates a central or chassis node attached to the underlay, eth0 up with spec.ip. */
  createNode(spec: NodeSpec): Promise<void>;
  /**
   * Creates the VMs of one chassis: each a network namespace whose eth0 (vm.mac, vm.mtu) is a veth
   * whose peer, named vm.name, sits in the chassis node ready to be added to br-int.
   */
  createVms(vms: readonly Vm[]): Promise<void>;
  /** One more veth between a VM (vmIf, with mac) and its chassis (chassisIf), both up, MTU set. */
  addVmLink(vm: Vm, vmIf: string, chassisIf: string, mac: string): Promise<void>;
  /** Creates a plain namespace outside OVN: only lo until links give it interfaces. */
  createNamespace(ns: Namespace): Promise<void>;
  /** A veth between two VMs or namespaces (of one chassis, on runtimes that place them in chassis), both ends up, IPv6 quiet. */
  createLink(link: Link): Promise<void>;
  /** Creates a provider network: a bridge outside OVN that chassis (through bridge mappings) and hosts attach to. */
  createNetwork(name: string): Promise<void>;
  /** A link from a node into a provider network, named `iface` in the node (with `mac`, when given), up. */
  connectToNetwork(node: string, network: string, iface: string, mac?: string): Promise<void>;
  /** Creates a host outside OVN: a node whose eth0 (host.mac) is on its provider network. */
  createHost(host: Host): Promise<void>;
  /**
   * Once every node is made: refuses an underlay that cannot carry what the lab sends over it
   * (across machines, the network between them), before OVN is set up. Optional.
   */
  checkUnderlay?(): Promise<void>;
  /**
   * The Debian release whose OVS and OVN packages a central or chassis runs when not from build
   * trees: this machine's (netns), its node image's (docker). Optional.
   */
  packagesRelease?(node: string): string | undefined;
  /** Runs argv inside a node (central, chassis or VM). */
  exec(node: string, argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  /** Runs a command inside a node with this process' stdin, stdout and stderr (for `lab exec`); returns its exit code. */
  attach(node: string, argv: readonly string[], env: Record<string, string>): Promise<number>;
  /**
   * Runs a command inside a node on a new pseudo-terminal (a shell in `lab web`'s page). Optional:
   * a runtime without it offers no terminal.
   */
  terminal?(node: string, argv: readonly string[], env: Record<string, string>, size: TerminalSize): Promise<Terminal>;
  /**
   * True when a shell in a node is root on this host's file system (nodes are namespaces of the
   * host), false when it sees only its own (containers).
   */
  readonly hostFiles: boolean;
  /**
   * Sends `ovs-appctl` commands to a daemon of a node from this process, over the daemon's control
   * socket in the node's run directory; resolves to each command's reply. Optional: where this
   * process cannot reach the socket (a container's), node shells run `ovs-appctl` instead.
   */
  appctl?(node: string, daemon: string, commands: readonly (readonly string[])[]): Promise<string[]>;
  /** Copies a file from one node to another (the lab's certificates from central to chassis). */
  copyFile(from: string, fromPath: string, to: string, toPath: string, mode?: number): Promise<void>;
  /** Writes a file a node can read at `path`. */
  writeFile(node: string, path: string, content: string, mode?: number): Promise<void>;
  /** Writes several files at once (one exec on docker). */
  writeFiles(node: string, files: readonly NodeFile[]): Promise<void>;
  /** The directory inside a node for its sockets, pid files, databases and logs. */
  runDir(node: string): string;
  /** Which of the given nodes exist right now. */
  present(nodes: readonly string[]): Promise<Set<string>>;
  /**
   * The state directories the lab's running nodes point at, read from the system (daemon command
   * lines, container labels): how `down` finds a lab brought up under another LAB_STATE_DIR.
   */
  stateDirs(): Promise<string[]>;
  /**
   * Processes started for the lab that run outside every node it has now (their namespace was
   * deleted under them): `down` ends them. Optional: where nodes are containers, there are none.
   */
  strays?(): Promise<{ pid: number; cmdline: string }[]>;
  /** Removes everything of the lab; safe to run twice and after a crash. Returns how many resources it removed. */
  destroy(opts?: DestroyOptions): Promise<number>;
}
