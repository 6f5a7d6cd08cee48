import type { NodeKind } from '../topology/model.js';
import type { NodeShell } from './node-shell.js';

/** The OVS/OVN daemons each kind of node runs, by the name of their pid file in its run directory. */
const OVN_DAEMONS: Partial<Record<NodeKind, readonly string[]>> = {
  central: ['ovnnb_db', 'ovnsb_db', 'ovn-northd'],
  chassis: ['ovsdb-server', 'ovs-vswitchd', 'ovn-controller'],
};

/**
 * What a daemon's pid file says: `running`; `zombie` (it has ended, nobody reaped it yet: `kill -0`
 * still succeeds on it); `dead` (no such process); `no pid file`; `stray` (it runs, but outside
 * its node, whose namespace was deleted under it).
 */
type DaemonState = 'running' | 'zombie' | 'dead' | 'no pid file' | 'stray';

export interface DaemonStatus {
  name: string;
  state: DaemonState;
  running: boolean;
  pid?: number;
}

/**
 * Asked inside the node (pids are the node's): for each pid file, its pid and the process state
 * letter from /proc (after the command name, which may hold spaces and parentheses).
 */
const STATE_SCRIPT = `for f in "$@"; do
  if [ ! -f "$f" ]; then echo "-"; continue; fi
  pid=$(cat "$f" 2>/dev/null)
  st=$(sed -n 's/.*) \\([A-Za-z]\\) .*/\\1/p' "/proc/$pid/stat" 2>/dev/null)
  echo "$pid \${st:-gone}"
done`;

/** States of the daemons behind these pid files; undefined when the node could not be asked. */
export async function daemonStates(node: NodeShell, daemons: readonly { name: string; pidFile: string }[]): Promise<DaemonStatus[] | undefined> {
  if (!daemons.length) return [];
  const out = await node.run(['sh', '-c', STATE_SCRIPT, 'daemons', ...daemons.map((d) => d.pidFile)], { nothrow: true, timeoutMs: 10_000 });
  if (!out.ok) return undefined;
  const lines = out.stdout.trim().split('\n');
  return daemons.map((d, i) => {
    const [pid, letter] = (lines[i] ?? '-').split(' ');
    const state: DaemonState = pid === '-' || !pid ? 'no pid file' : letter === 'gone' ? 'dead' : letter === 'Z' || letter === 'X' ? 'zombie' : 'running';
    return { name: d.name, state, running: state === 'running', ...(pid && pid !== '-' ? { pid: Number(pid) } : {}) };
  });
}

/** The OVS/OVN daemons of a node (none but on central and chassis), with their pid files. */
export function ovnDaemons(node: Pick<NodeShell, 'kind' | 'runDir'>): { name: string; pidFile: string }[] {
  return (OVN_DAEMONS[node.kind] ?? []).map((name) => ({ name, pidFile: `${node.runDir}/${name}.pid` }));
}

/** The OVS/OVN daemons of a central or chassis node and their states. */
export function ovnDaemonStates(node: NodeShell): Promise<DaemonStatus[] | undefined> {
  return daemonStates(node, ovnDaemons(node));
}

/** A daemon's state in one line: `hv1: ovn-controller zombie (pid 42)`. */
export function daemonLine(node: string, d: DaemonStatus): string {
  return `${node}: ${d.name} ${d.state}${d.pid ? ` (pid ${d.pid})` : ''}`;
}

/** One line per daemon that is not running. */
export function describeDown(node: string, states: readonly DaemonStatus[]): string[] {
  return states.filter((d) => !d.running).map((d) => daemonLine(node, d));
}

/**
 * Ends a process the lab started, by the PID in its pid file, and waits (5 s at most) until it is
 * gone: SIGTERM, or SIGKILL for a crash. A missing pid file or an already ended process counts as
 * done, unless `mustRun` (a fault must hit a running daemon). True when it is gone.
 */
export async function endByPidFile(node: NodeShell, pidFile: string, opts: { signal?: 'TERM' | 'KILL'; mustRun?: boolean } = {}): Promise<boolean> {
  const absent = opts.mustRun ? 1 : 0;
  const script = `p=$(cat "$1" 2>/dev/null) || exit ${absent}; kill -${opts.signal ?? 'TERM'} "$p" 2>/dev/null || exit ${absent}; for i in $(seq 50); do kill -0 "$p" 2>/dev/null || exit 0; sleep 0.1; done; exit 1`;
  return (await node.run(['sh', '-c', script, 'end', pidFile], { nothrow: true })).ok;
}
