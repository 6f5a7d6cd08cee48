import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** The fields of /proc/PID/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** True while the process exists and is not a zombie (a zombie has ended; it waits for its parent to reap it). */
export function processAlive(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z';
}

/**
 * A process as it can be told apart from a later one that gets the same PID: its PID and when it
 * started (clock ticks since boot, /proc/PID/stat field 22).
 */
export interface ProcessId {
  pid: number;
  start: string;
}

export function processId(pid: number): ProcessId | undefined {
  const start = statFields(pid)?.[19];
  return start === undefined ? undefined : { pid, start };
}

/** The parent of a process (undefined once it ended). */
export function parentOf(pid: number): number | undefined {
  const ppid = statFields(pid)?.[1];
  return ppid === undefined ? undefined : Number(ppid);
}

/** True while that very process (not a later one with its PID) runs. */
export function sameProcessAlive(p: ProcessId): boolean {
  return processAlive(p.pid) && processId(p.pid)?.start === p.start;
}

/** Sends a signal to a process that may have ended meanwhile. */
export function signalProcess(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

/** Waits until none of the processes is alive, or `ms` passed; true when all ended. */
export async function waitEnded(pids: readonly number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (pids.some(processAlive) && Date.now() < deadline) await sleep(20);
  return !pids.some(processAlive);
}

/**
 * Ends the given processes by PID: SIGTERM (and SIGCONT, for those stopped by {@link freezeMarked}),
 * then SIGKILL for those still alive after `graceMs`.
 */
export async function endProcesses(pids: readonly number[], graceMs = 2000): Promise<void> {
  const live = pids.filter(processAlive);
  for (const pid of live) {
    signalProcess(pid, 'SIGTERM');
    signalProcess(pid, 'SIGCONT');
  }
  if (await waitEnded(live, graceMs)) return;
  for (const pid of live.filter(processAlive)) signalProcess(pid, 'SIGKILL');
  await waitEnded(live, 1000);
}

/** The PIDs of every process whose environment holds `name=value` (read from /proc/PID/environ). */
export async function pidsWithEnv(name: string, value: string): Promise<number[]> {
  const needle = `\0${name}=${value}\0`;
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (`\0${await readFile(`/proc/${entry}/environ`, 'latin1')}`.includes(needle)) pids.push(Number(entry));
    } catch {
      /* ended, or a kernel thread */
    }
  }
  return pids;
}

/**
 * Stops (SIGSTOP) every process whose environment holds `name=value`, again and again until no new
 * one appears: a shell still running a script cannot start one more command after that. Returns
 * them all, stopped, for {@link endProcesses}.
 */
export async function freezeMarked(name: string, value: string): Promise<number[]> {
  const stopped = new Set<number>();
  for (let round = 0; round < 50; round++) {
    const fresh = (await pidsWithEnv(name, value)).filter((p) => !stopped.has(p) && processAlive(p));
    if (!fresh.length) break;
    for (const pid of fresh) {
      signalProcess(pid, 'SIGSTOP');
      stopped.add(pid);
    }
  }
  return [...stopped];
}
