import type { NodeShell } from '../ovn/node-shell.js';
import type { Server } from '../topology/model.js';
import { python, SERVER } from './programs.js';
import { endByPidFile } from '../ovn/daemons.js';

/** Where a server keeps its pid and its log (one line per client), in the node's run directory. */
export function serverFiles(runDir: string, s: Server): { pid: string; log: string; name: string } {
  const name = `${s.kind}-${s.port}`;
  return { name: `server ${name}`, pid: `${runDir}/server-${name}.pid`, log: `${runDir}/server-${name}.log` };
}

/**
 * Starts a node's servers in the background (ended by `lab down` with every process of the lab)
 * and waits until each listens.
 */
export async function startServers(node: NodeShell, servers: readonly Server[]): Promise<void> {
  for (const s of servers) {
    const f = serverFiles(node.runDir, s);
    const start = 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"';
    await node.run(['sh', '-c', start, 'server', ...python(SERVER, s.kind, s.port, node.name)], { env: { LOG: f.log, PID: f.pid } });
    const listening = `for i in $(seq 1 50); do ss -Hln${s.kind === 'udp' ? 'u' : 't'} "sport = :$1" | grep -q . && exit 0; sleep 0.1; done; echo "nothing listens on $1" >&2; exit 1`;
    await node.run(['sh', '-c', listening, 'listening', String(s.port)]);
  }
}

/** Stops one server of a node (a fault for a health check to see); true when it is no longer running. */
export async function stopServer(node: NodeShell, s: Server): Promise<boolean> {
  return endByPidFile(node, serverFiles(node.runDir, s).pid);
}
