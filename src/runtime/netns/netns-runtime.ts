import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { UserError } from '../../base/errors.js';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { childEnv, filesOf, LAB_MARK, markedFor, runBatch, type Exec, type ExecOptions, type ExecResult } from '../../base/exec.js';
import { UNDERLAY } from '../../topology/names.js';
import { RECORD_FILE } from '../../base/paths.js';
import type { Link, Namespace } from '../../features/links/model.js';
import { releasesOf, type Host, type Lab, type Vm } from '../../topology/model.js';
import type { DestroyOptions, NodeFile, NodeSpec, Runtime } from '../runtime.js';
import { scriptTerminal, type Terminal, type TerminalSize } from '../terminal.js';
import { requirePrograms, requireRoot } from '../../base/host.js';
import { netnsRequirements } from './requirements.js';
import { endProcesses, freezeMarked, parentOf, pidsWithEnv } from '../../base/processes.js';
import { cmdlineOf, namedNamespaces, NETNS_RUN_DIR, pidsInNamespaces, stateDirsOf } from './processes.js';
import { inNamespace, veth, vethCommands, type LinkEnd, type VethOptions } from '../links.js';
import { enterNamespace, netOnlyCommand } from './enter.js';
import { unixctl } from '../../base/unixctl.js';

/** Prefix of every namespace a lab makes: `lab.<lab>.<node>`. Dots cannot occur in lab or node names. */
export function namespacePrefix(lab: string): string {
  return `lab.${lab}.`;
}

/**
 * Each node is a network namespace of the host; daemons are host processes inside it, each
 * node with its own run directory. The underlay is a Linux bridge in a namespace of its own,
 * so nothing is added to the host's root namespace: veths are created directly between lab
 * namespaces (`ip -n A link add … peer … netns B`).
 */
export class NetnsRuntime implements Runtime {
  readonly name = 'netns';
  /** A node is a namespace of the host: a shell in it is root on the host's files. */
  readonly hostFiles = true;
  /** Every command, marked as this lab's: its daemons keep the mark (see {@link LAB_MARK}). */
  private readonly exec_: Exec;

  constructor(
    private readonly lab: string,
    private readonly labDir: string,
    exec: Exec,
    private readonly lab_?: Lab,
  ) {
    this.exec_ = markedFor(exec, labDir);
  }

  get recording(): boolean {
    return this.exec_.recording === true;
  }

  async preflight(): Promise<void> {
    requireRoot('up');
    // Nodes here run this machine's OVS and OVN: a release named in the file is the docker runtime's.
    const named = this.lab_ ? releasesOf(this.lab_) : [];
    const here = hostRelease();
    const other = named.find((r) => r !== here);
    if (other)
      throw new UserError(
        `the file asks for Debian ${other}'s OVN, and the netns runtime runs this machine's (${here ?? 'unknown release'})`,
        `run it with --runtime docker (after 'lab images build --release ${other}'), or drop release from the file`,
      );
    requirePrograms(netnsRequirements(this.lab_));
    // Namespace names are the host's, whatever LAB_STATE_DIR says: another lab of this name owns
    // them (this lab's own record makes the claim refuse it as up already).
    const taken = await this.namespaces();
    if (taken.length && !existsSync(join(this.labDir, RECORD_FILE))) {
      const dirs = await this.stateDirs();
      const where = dirs.length ? ` (its state directory: ${dirs.join(', ')})` : '';
      throw new UserError(
        `a lab named '${this.lab}' already has namespaces on this host (${taken.slice(0, 3).join(', ')}${taken.length > 3 ? ', …' : ''})${where}`,
        `take it down first ('${dirs.length ? `LAB_STATE_DIR=${dirs[0]!.replace(/\/[^/]+$/, '')} ` : ''}lab down ${this.lab}'), or give this lab another name`,
      );
    }
  }

  /** Every node runs this machine's packages. */
  packagesRelease(): string | undefined {
    return hostRelease();
  }

  ns(node: string): string {
    return `${namespacePrefix(this.lab)}${node}`;
  }

  runDir(node: string): string {
    return join(this.nodesDir(), node);
  }

  /**
   * The nodes' run directories. It is also what lets a namespace be added: every batch that adds
   * one first checks that it is there, and `down` moves it away before it looks for what to stop.
   * A command that `up` forked but that had not started its program when `up` was killed is a copy
   * of Node, without the lab's mark, so `down` cannot see it; if it starts only after `down`, its
   * batch stops at that check instead of making a namespace that nothing would remove.
   */
  private nodesDir(): string {
    return join(this.labDir, 'nodes');
  }

  /** One shell for the underlay's namespace and its bridge. */
  async createUnderlay(_subnet: string): Promise<void> {
    const ns = this.ns(UNDERLAY);
    await filesOf(this.exec_).mkdir(this.runDir(UNDERLAY));
    await this.addingBatch([['ip', 'netns', 'add', ns], quietUnderlay(ns), loUp(ns), ['ip', '-n', ns, 'link', 'add', 'name', UNDERLAY, 'type', 'bridge'], ['ip', '-n', ns, 'link', 'set', 'dev', UNDERLAY, 'up']]);
    // `ip netns add` refuses a name that exists: the underlay made here is this lab's, and its
    // inode tells it apart from one of another lab of this name (see ownsNamespaces). Under `lab
    // script` nothing was made: a namespace of that name is another lab's.
    if (this.recording) return;
    const made = await stat(join(NETNS_RUN_DIR, ns)).catch(() => undefined);
    if (made) await writeFile(this.anchorFile(), String(made.ino));
  }

  /** Where the inode of the underlay namespace this lab made is noted. */
  private anchorFile(): string {
    return join(this.runDir(UNDERLAY), 'netns-inode');
  }

  /**
   * Whether the namespaces named after this lab are this lab's, and not those of another lab of the
   * same name under another LAB_STATE_DIR: its underlay is the one this lab noted making, or (an up
   * killed before it noted it) no daemon in them points at another state directory.
   */
  private async ownsNamespaces(): Promise<boolean> {
    const underlay = await stat(join(NETNS_RUN_DIR, this.ns(UNDERLAY))).catch(() => undefined);
    const noted = await readFile(this.anchorFile(), 'utf8').catch(() => undefined);
    if (underlay && noted !== undefined) return String(underlay.ino) === noted.trim();
    return (await this.stateDirs()).every((d) => d === this.labDir);
  }

  /** One shell for a node's namespace, its link to the underlay bridge and its address. */
  async createNode(spec: NodeSpec): Promise<void> {
    const ns = this.ns(spec.name);
    const underlay = this.ns(UNDERLAY);
    await filesOf(this.exec_).mkdir(this.runDir(spec.name));
    await this.addingBatch([
      ['ip', 'netns', 'add', ns],
      quietUnderlay(ns),
      ...linkCommands(
        { netns: underlay, dev: spec.name },
        { netns: ns, dev: 'eth0', ...(spec.mac ? { mac: spec.mac } : {}) },
        {
          then: {
            a: [['ip', 'link', 'set', 'dev', spec.name, 'master', UNDERLAY]],
            b: [['ip', 'addr', 'add', `${spec.ip}/${spec.prefix}`, 'dev', 'eth0'], LO_UP],
          },
        },
      ),
    ]);
  }

  /** A provider network is a bridge in a namespace of its own, lab.<lab>.net.<name> ('.' never occurs in node names). */
  private networkNode(name: string): string {
    return `net.${name}`;
  }

  async createNetwork(name: string): Promise<void> {
    const ns = await this.addNamespace(this.networkNode(name));
    await this.ip(ns, ['link', 'add', 'name', 'bridge0', 'type', 'bridge']);
    await this.ip(ns, ['link', 'set', 'dev', 'bridge0', 'up']);
  }

  async connectToNetwork(node: string, network: string, iface: string, mac?: string, opts: VethOptions = {}): Promise<void> {
    const net = this.ns(this.networkNode(network));
    await veth(this.end(net, node), this.end(this.ns(node), iface, mac), opts);
    await this.ip(net, ['link', 'set', 'dev', node, 'master', 'bridge0']);
  }

  async createHost(host: Host): Promise<void> {
    await this.addNamespace(host.name);
    await this.connectToNetwork(host.name, host.network, 'eth0', host.mac, { quietIpv6: !host.ip6 });
  }

  /**
   * One shell for the namespaces of a chassis' VMs and their links to it, the work of each kind
   * together (a process costs): one `ip -batch` adds every namespace, one `ip -n CHASSIS -batch`
   * makes every veth, then each VM's own end.
   */
  async createVms(vms: readonly Vm[]): Promise<void> {
    if (!vms.length) return;
    for (const vm of vms) await filesOf(this.exec_).mkdir(this.runDir(vm.name));
    const links = vms.map((vm) => this.vmLinkSteps(vm, 'eth0', vm.name, vm.mac, [LO_UP]));
    const at = (end: 'a' | 'b') => links.flatMap((steps) => steps.filter((s) => s.end === end).map((s) => s.argv));
    await this.addingBatch([...vms.map((vm) => ['ip', 'netns', 'add', this.ns(vm.name)]), ...at('a'), ...at('b')]);
  }

  async addVmLink(vm: Vm, vmIf: string, chassisIf: string, mac: string): Promise<void> {
    await this.batch(this.vmLinkSteps(vm, vmIf, chassisIf, mac).map((s) => s.argv));
  }

  private vmLinkSteps(vm: Vm, vmIf: string, chassisIf: string, mac: string, then: string[][] = []): LinkStep[] {
    // IPv6 stays quiet (no link-local, no solicitations) unless the VM has an IPv6 address.
    return linkSteps({ netns: this.ns(vm.chassis), dev: chassisIf }, { netns: this.ns(vm.name), dev: vmIf, mac }, { mtu: vm.mtu, quietIpv6: !(vm.ipv6 && vmIf === 'eth0'), then: { b: then } });
  }

  /** Commands run one after another in one shell, stopping at the first that fails (`lab script` prints each). */
  private batch(argvs: string[][]): Promise<ExecResult> {
    // On this machine: each command names the namespace it works in.
    return runBatch(this.exec_, argvs);
  }

  /**
   * A batch that adds a namespace runs only while the lab's nodes directory is there (see
   * {@link nodesDir}). `lab script` leaves the check out: its reader runs the lines one by one.
   */
  private addingBatch(argvs: string[][]): Promise<ExecResult> {
    return this.batch(this.recording ? argvs : [['test', '-d', this.nodesDir()], ...argvs]);
  }

  async createNamespace(ns: Namespace): Promise<void> {
    await this.addNamespace(ns.name);
  }

  async createLink(link: Link): Promise<void> {
    const [a, b] = link.ends;
    await veth(this.end(this.ns(a.node), a.iface), this.end(this.ns(b.node), b.iface), { mtu: link.mtu, plain: true });
  }

  async exec(node: string, argv: readonly string[], opts?: ExecOptions): Promise<ExecResult> {
    if (opts?.files) await this.writeFiles(node, opts.files);
    return this.exec_(enterNamespace(this.ns(node), argv, !!opts?.netOnly || netOnlyCommand(argv, opts?.batch)), opts);
  }

  /** The daemon's control socket is a file of the node's run directory, on this host: no `ovs-appctl` process. */
  async appctl(node: string, daemon: string, commands: readonly (readonly string[])[]): Promise<string[]> {
    const dir = this.runDir(node);
    const pid = (await readFile(join(dir, `${daemon}.pid`), 'utf8')).trim();
    return unixctl(join(dir, `${daemon}.${pid}.ctl`), commands);
  }

  attach(node: string, argv: readonly string[], env: Record<string, string>): Promise<number> {
    const child = spawn('ip', ['netns', 'exec', this.ns(node), ...argv], { stdio: 'inherit', env: childEnv({ TERM: process.env.TERM ?? 'dumb', [LAB_MARK]: this.labDir, ...env }) });
    return new Promise((resolve) => {
      child.on('error', () => resolve(127));
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
  }

  async terminal(node: string, argv: readonly string[], env: Record<string, string>, size: TerminalSize): Promise<Terminal> {
    return scriptTerminal(['ip', 'netns', 'exec', this.ns(node), ...argv], childEnv({ [LAB_MARK]: this.labDir, ...env }), size);
  }

  /** In-process file work; under `lab script` the same work becomes shell lines. */
  async writeFile(_node: string, path: string, content: string, mode = 0o644): Promise<void> {
    await filesOf(this.exec_).write(path, content, mode);
  }

  async writeFiles(node: string, files: readonly NodeFile[]): Promise<void> {
    for (const f of files) await this.writeFile(node, f.path, f.content, f.mode);
  }

  /** Nodes share the host's file system: a plain copy. */
  async copyFile(_from: string, fromPath: string, _to: string, toPath: string, mode = 0o644): Promise<void> {
    await filesOf(this.exec_).copy(fromPath, toPath, mode);
  }

  async present(nodes: readonly string[]): Promise<Set<string>> {
    const existing = new Set(await this.namespaces());
    return new Set(nodes.filter((n) => existing.has(this.ns(n))));
  }

  async stateDirs(): Promise<string[]> {
    return stateDirsOf(await pidsInNamespaces(await this.namespaces()));
  }

  async strays(): Promise<{ pid: number; cmdline: string }[]> {
    const inside = new Set(await pidsInNamespaces(await this.namespaces()));
    // This process' own commands (entering a namespace) are not strays.
    const outside = (await pidsWithEnv(LAB_MARK, this.labDir)).filter((p) => !inside.has(p) && parentOf(p) !== process.pid);
    return outside.map((pid) => ({ pid, cmdline: cmdlineOf(pid) })).filter((p) => p.cmdline);
  }

  /**
   * Ends every process started for the lab (found by its mark, in a namespace or not: the shells of
   * a killed `up` are stopped first, so they make nothing more) and every process in its
   * namespaces, then deletes the namespaces. With `onlyOurs`, namespaces of this name made for
   * another state directory are left alone.
   */
  async destroy(opts: DestroyOptions = {}): Promise<number> {
    const ours = !opts.onlyOurs || (await this.ownsNamespaces());
    // From here on, no batch of this lab adds a namespace (see nodesDir).
    const removed = `${this.nodesDir()}.removed`;
    await rm(removed, { recursive: true, force: true });
    await rename(this.nodesDir(), removed).catch(() => undefined);
    const marked = await freezeMarked(LAB_MARK, this.labDir);
    const namespaces = ours ? await this.namespaces() : [];
    await endProcesses([...new Set([...marked, ...(await pidsInNamespaces(namespaces))])]);
    await this.deleteNamespaces(namespaces);
    // A command that started its program since the first look (into a namespace that was still there),
    // and a namespace one of them made meanwhile.
    const late = await freezeMarked(LAB_MARK, this.labDir);
    await endProcesses(late);
    if (ours) await this.deleteNamespaces(await this.namespaces());
    await rm(removed, { recursive: true, force: true });
    await rm(this.nodesDir(), { recursive: true, force: true });
    return namespaces.length + marked.length + late.length;
  }

  /** One ip process for all of them: `netns del` unmounts and removes each name. */
  private async deleteNamespaces(namespaces: readonly string[]): Promise<void> {
    if (namespaces.length) await this.exec_(['ip', '-force', '-batch', '-'], { input: namespaces.map((ns) => `netns del ${ns}\n`).join(''), nothrow: true });
  }

  /** The lab's namespaces, as `ip netns list` names them (the files under /run/netns). */
  private async namespaces(): Promise<string[]> {
    const prefix = namespacePrefix(this.lab);
    return (await namedNamespaces()).filter((n) => n.startsWith(prefix));
  }

  private async addNamespace(node: string): Promise<string> {
    const ns = this.ns(node);
    await filesOf(this.exec_).mkdir(this.runDir(node));
    await this.addingBatch(namespaceCommands(ns));
    return ns;
  }

  /** A link end in one of the lab's namespaces. */
  private end(ns: string, dev: string, mac?: string): LinkEnd {
    return { run: (argv) => this.exec_(labCommandIn(ns, argv)), netns: ns, dev, ...(mac ? { mac } : {}) };
  }

  private ip(ns: string, args: string[]): Promise<ExecResult> {
    return this.exec_(['ip', '-n', ns, ...args]);
  }
}

/** This machine's Debian/Ubuntu codename (VERSION_CODENAME in /etc/os-release). */
function hostRelease(): string | undefined {
  try {
    return /^VERSION_CODENAME=(.*)$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]?.replace(/"/g, '');
  } catch {
    return undefined;
  }
}

/** A named namespace, its loopback up. */
function namespaceCommands(ns: string): string[][] {
  return [['ip', 'netns', 'add', ns], loUp(ns)];
}

/** A namespace's loopback up, as a command in it. */
const LO_UP = ['ip', 'link', 'set', 'dev', 'lo', 'up'];

function loUp(ns: string): string[] {
  return labCommandIn(ns, LO_UP);
}

/** One of lab's own commands (ip, ethtool, sysctl) in a namespace: `ip -n` for ip, else entered with nsenter. */
function labCommandIn(ns: string, argv: readonly string[]): string[] {
  return argv[0] === 'ip' ? inNamespace(ns, argv) : enterNamespace(ns, argv, true);
}

/**
 * A quiet underlay, so that each br-phy learns few MACs (OVS re-translates all its datapath flows
 * for every MAC it learns, and N chassis each learning N MACs made big labs slow). No IPv6 in the
 * namespaces on the underlay (its bridge ports, a node's eth0, br-phy and the rest OVS makes
 * there): their link-local addresses would send router solicitations and MLD reports to every
 * chassis. And only the interface that holds an address answers ARP for it (br-phy, not the eth0
 * under it), as in the docker runtime's containers. VMs have namespaces of their own.
 */
function quietUnderlay(ns: string): string[] {
  return labCommandIn(ns, ['sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1', 'net.ipv4.conf.all.arp_ignore=1']);
}

type NamedEnd = { netns: string; dev: string; mac?: string };

/** A command of a veth's making, with the end it is run at. */
interface LinkStep {
  end: 'a' | 'b';
  argv: string[];
}

/** A veth between two named namespaces, each end's commands run in its namespace. */
function linkSteps(a: NamedEnd, b: NamedEnd, opts: VethOptions = {}): LinkStep[] {
  return vethCommands(a, b, opts).map(({ end, argv }) => ({ end, argv: labCommandIn((end === 'a' ? a : b).netns, argv) }));
}

function linkCommands(a: NamedEnd, b: NamedEnd, opts: VethOptions = {}): string[][] {
  return linkSteps(a, b, opts).map((s) => s.argv);
}
