import { ExecResult, runBatch, STANDARD_PATH, type ExecOptions } from '../base/exec.js';
import { UnixctlError } from '../base/unixctl.js';
import type { Runtime } from '../runtime/runtime.js';
import { buildOf, type Build, type Central, type Lab, type NodeKind } from '../topology/model.js';
import { buildBinDirs } from '../topology/builds.js';

/** NB and SB ports on the central node. */
/**
 * For lab's own starts and waits: their commands (daemons, OVS and OVN tools, shell loops of them)
 * never look at the node's /sys (see {@link ExecOptions.netOnly}).
 */
export const NET_ONLY: ExecOptions = { netOnly: true };

export const NB_PORT = 6641;
export const SB_PORT = 6642;

/** One node as the OVN set-up sees it: where its files go, the environment its tools need. */
export interface NodeShell {
  name: string;
  kind: NodeKind;
  runDir: string;
  /** Makes plain `ovs-vsctl`, `ovs-appctl`, `ovn-nbctl`… find this node's daemons. */
  env: Record<string, string>;
  run(argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
  /** Commands one after another in one process of the node, stopping at the first that fails. */
  runAll(argvs: readonly (readonly string[])[], opts?: ExecOptions): Promise<ExecResult>;
  /**
   * `ovs-appctl` commands to the node's ovs-vswitchd, stopping at the first it refuses; resolves to
   * what they printed. Sent from this process where the runtime reaches the daemon's socket (see
   * Runtime.appctl), else run as `ovs-appctl` in one process of the node (and so under `lab script`).
   */
  appctl(commands: readonly (readonly string[])[]): Promise<string>;
  /**
   * Whether {@link appctl} sends from this process. When it does not, its commands are processes of
   * the node, best run as lines of a batch the node runs anyway (on docker each batch is an exec).
   */
  readonly appctlHere: boolean;
}

/**
 * Every node's environment has LAB_RUN_DIR, its run directory (logs, leases, pid files), so
 * commands in checks can name files without knowing where the runtime keeps them.
 */
export function nodeEnv(lab: Lab, kind: NodeKind, runDir: string, build?: Build): Record<string, string> {
  // A VM's own bin/ comes first: its `dhclient` uses the VM's files.
  if (kind === 'vm' || kind === 'host' || kind === 'namespace') return { PATH: `${runDir}/bin:${STANDARD_PATH}`, LAB_RUN_DIR: runDir };
  const dirs: Record<string, string> = Object.fromEntries(['LAB_RUN_DIR', 'OVS_RUNDIR', 'OVS_DBDIR', 'OVS_LOGDIR', 'OVN_RUNDIR', 'OVN_DBDIR', 'OVN_LOGDIR'].map((k) => [k, runDir]));
  // A node on build trees finds their programs first, as in OVN's `make sandbox`: every OVS and OVN
  // tool run in it (by lab, its checks, lab exec, nbctl, flows, trace) is the build's.
  const bins = buildBinDirs(build);
  if (bins.length) dirs.PATH = `${bins.join(':')}:${STANDARD_PATH}`;
  // A cluster member's own server may be a follower: tools reach the cluster (its leader) through every member.
  if (kind === 'central' && !lab.central.members) {
    return { ...dirs, OVN_NB_DB: `unix:${runDir}/ovnnb_db.sock`, OVN_SB_DB: `unix:${runDir}/ovnsb_db.sock` };
  }
  return { ...dirs, OVN_NB_DB: centralRemote(lab.central, NB_PORT), OVN_SB_DB: centralRemote(lab.central, SB_PORT) };
}

/** How other nodes reach a central database: tcp:, or ssl: when the lab uses SSL; every member of a cluster. */
export function centralRemote(central: Central, port: number): string {
  const ips = central.members?.map((m) => m.ip) ?? [central.ip];
  return ips.map((ip) => `${central.ssl ? 'ssl' : 'tcp'}:${ip}:${port}`).join(',');
}

/** Raft ports of a clustered central: NB and SB. */
export const RAFT_PORTS = { nb: 6643, sb: 6644 } as const;

export function nodeShell(runtime: Runtime, lab: Lab, name: string, kind: NodeKind): NodeShell {
  const runDir = runtime.runDir(name);
  // Only central and the chassis run a build's programs: a VM's name is not looked for among a big lab's chassis.
  const env = nodeEnv(lab, kind, runDir, kind === 'central' || kind === 'chassis' ? buildOf(lab, name) : undefined);
  const run = (argv: readonly string[], opts: ExecOptions = {}) => runtime.exec(name, argv, { ...opts, env: { ...env, ...opts.env } });
  const runAll = (argvs: readonly (readonly string[])[], opts: ExecOptions = {}) =>
    runBatch(
      Object.assign((argv: readonly string[], o: ExecOptions) => run(argv, o), { recording: runtime.recording }),
      argvs,
      name,
      opts,
    );
  const appctlHere = !!runtime.appctl && !runtime.recording;
  return {
    name,
    kind,
    runDir,
    env,
    run,
    runAll,
    appctlHere,
    appctl: async (commands) => {
      if (!commands.length) return '';
      const sent = appctlHere ? await appctlFrom(runtime, name, commands) : undefined;
      return sent ?? (await runAll(appctlLines(commands), NET_ONLY)).stdout;
    },
  };
}

/** `ovs-appctl` commands as the lines of a node's batch. */
export function appctlLines(commands: readonly (readonly string[])[]): string[][] {
  return commands.map((c) => ['ovs-appctl', ...c]);
}

/**
 * The commands sent from this process: their replies, as ovs-appctl prints them; a refused
 * command fails as its `ovs-appctl` would have (exit 2, the daemon's reply on standard error).
 * Undefined when the socket could not be reached: the caller runs `ovs-appctl`, which says why.
 */
async function appctlFrom(runtime: Runtime, node: string, commands: readonly (readonly string[])[]): Promise<string | undefined> {
  try {
    return (await runtime.appctl!(node, 'ovs-vswitchd', commands)).join('');
  } catch (e) {
    if (e instanceof UnixctlError) throw new ExecResult(['ovs-appctl', ...e.command], 2, '', e.reply, 0, node);
    return undefined;
  }
}

/** Options every detached OVS/OVN daemon gets: pid file and log in the node's run directory. */
export function daemonArgs(runDir: string, program: string): string[] {
  return [`--pidfile=${runDir}/${program}.pid`, `--log-file=${runDir}/${program}.log`, '--detach', '--no-chdir'];
}

/**
 * Waits for a round of ovs-vswitchd's revalidator threads: OpenFlow flow counters and tunnel
 * port counters are credited by them, not per packet, so counters read before are stale.
 */
export async function settleCounters(chassis: NodeShell): Promise<void> {
  await chassis.run(['ovs-appctl', 'revalidator/wait'], { nothrow: true });
}

/**
 * Waits in a node until a shell condition holds, polling it five times a second: one process for
 * the whole wait, and a plain loop in `lab script`. False when it never held within `seconds`.
 */
export async function waitInNode(node: NodeShell, condition: string, seconds: number): Promise<boolean> {
  return (await node.run(waitCommand(condition, seconds), { ...NET_ONLY, nothrow: true })).ok;
}

/**
 * Shell text that waits until `condition` holds, looking every `interval` seconds for about
 * `seconds` at most, in the shell that runs it: no process of its own (a lease's wait for
 * dhclient's pid runs once for each VM). For a condition that may itself hang, {@link waitCommand}.
 */
export function waitLoop(condition: string, seconds: number, interval: number): string {
  return `n=0 && until ${condition}; do n=$((n + 1)); [ $n -le ${Math.round(seconds / interval)} ] || break; sleep ${interval}; done`;
}

/** The command that polls a shell condition until it holds (`interval` seconds apart), failing after `seconds`. */
export function waitCommand(condition: string, seconds: number, interval = 0.2): string[] {
  return ['timeout', String(seconds), 'sh', '-c', `until ${condition}; do sleep ${interval}; done`];
}
