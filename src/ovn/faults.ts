import { centralNames, type Lab } from '../topology/model.js';
import { startCentralDaemon } from './central.js';
import { restartChassisDaemons, restartVswitchd, startOvnController } from './chassis.js';
import { daemonStates, endByPidFile } from './daemons.js';
import type { LabContext } from './lab-context.js';
import { clusterStatus } from './queries.js';

/** The daemons fault steps act on: central's database servers and northd, a chassis' ovn-controller and ovs-vswitchd. */
export type FaultDaemon = 'ovnnb_db' | 'ovnsb_db' | 'ovn-northd' | 'ovn-controller' | 'ovs-vswitchd';

/** A chassis' daemons, as a failing host loses them all. */
const CHASSIS_DAEMONS = ['ovsdb-server', 'ovs-vswitchd', 'ovn-controller'] as const;

const pidFile = (runDir: string, daemon: FaultDaemon) => `${runDir}/${daemon}.pid`;

/** The nodes a daemon runs on: the central members, or the chassis. */
function nodesOf(lab: Lab, daemon: FaultDaemon): string[] {
  return daemon === 'ovn-controller' || daemon === 'ovs-vswitchd' ? lab.chassis.map((c) => c.name) : centralNames(lab);
}

/** Which node a kill means: the one named, the current leader of a database, or the active ovn-northd. */
export async function faultTarget(ctx: LabContext, kill: { daemon: FaultDaemon; node?: string; leader?: 'nb' | 'sb'; active?: true }): Promise<string | undefined> {
  if (kill.node) return kill.node;
  for (const name of nodesOf(ctx.lab, kill.daemon)) {
    const node = ctx.node(name);
    if (kill.leader && (await clusterStatus(node, kill.leader)).role === 'leader') return name;
    if (kill.active) {
      const out = await node.run(['ovn-appctl', '-t', 'ovn-northd', 'status'], { nothrow: true });
      if (/Status: active/.test(out.stdout)) return name;
    }
  }
  return undefined;
}

/** A crash: SIGKILL by the PID in the daemon's pid file (only what the lab started). */
export async function killDaemon(ctx: LabContext, name: string, daemon: FaultDaemon): Promise<boolean> {
  const node = ctx.node(name);
  return endByPidFile(node, pidFile(node.runDir, daemon), { signal: 'KILL', mustRun: true });
}

/** What a chassis' ovs-vswitchd does when it starts again in flow-restore-wait (see restartVswitchd). */
export const FLOW_RESTORE_WAIT = 'in flow-restore-wait, which ovn-controller set: it forwards once ovn-controller has put its flows back and cleared it';

/**
 * Starts a daemon again where it does not run (on `name`, or on every node it belongs to); returns
 * where it was started, each with what it starts in when that matters (flow-restore-wait).
 */
export async function restartDaemon(ctx: LabContext, daemon: FaultDaemon, name?: string): Promise<string[]> {
  const started: string[] = [];
  for (const n of name ? [name] : nodesOf(ctx.lab, daemon)) {
    const node = ctx.node(n);
    const [state] = (await daemonStates(node, [{ name: daemon, pidFile: pidFile(node.runDir, daemon) }])) ?? [];
    if (state?.running) continue;
    const chassis = ctx.lab.chassis.find((c) => c.name === n);
    if (daemon === 'ovn-controller' || daemon === 'ovs-vswitchd') {
      if (!chassis) continue;
      if (daemon === 'ovn-controller') await startOvnController(node, ctx.lab, chassis);
      else if ((await restartVswitchd(node, ctx.lab, chassis)).flowRestoreWait) {
        started.push(`${n} (${FLOW_RESTORE_WAIT})`);
        continue;
      }
    } else await startCentralDaemon(node, ctx.lab.central, daemon, ctx.lab.chassis.length);
    started.push(n);
  }
  return started;
}

/**
 * A host failing: every OVS/OVN daemon of a chassis SIGKILLed in one go (by the PIDs in their pid
 * files), waiting until they are gone. Returns the daemons that ran and were killed.
 */
export async function failChassis(ctx: LabContext, name: string): Promise<string[]> {
  const node = ctx.node(name);
  const states =
    (await daemonStates(
      node,
      CHASSIS_DAEMONS.map((d) => ({ name: d, pidFile: `${node.runDir}/${d}.pid` })),
    )) ?? [];
  const running = states.filter((d) => d.running && d.pid !== undefined);
  if (!running.length) return [];
  const pids = running.map((d) => String(d.pid));
  const script = 'kill -KILL "$@"; for i in $(seq 50); do alive=0; for p in "$@"; do kill -0 "$p" 2>/dev/null && alive=1; done; [ $alive = 0 ] && exit 0; sleep 0.1; done; exit 1';
  const out = await node.run(['sh', '-c', script, 'fail', ...pids], { nothrow: true });
  return out.ok ? running.map((d) => d.name) : [];
}

/** The failed chassis boots again: its daemons start as lab up started them. Says whether ovs-vswitchd starts in flow-restore-wait. */
export async function recoverChassis(ctx: LabContext, name: string): Promise<{ flowRestoreWait: boolean }> {
  const chassis = ctx.lab.chassis.find((c) => c.name === name);
  return chassis ? restartChassisDaemons(ctx.node(name), ctx.lab, chassis) : { flowRestoreWait: false };
}
