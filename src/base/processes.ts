import { readdirSync, readFileSync } from 'node:fs';
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
 * Stops (SIGSTOP) every process whose environment holds `name=value`, and every process below one
 * of them, again and again until no new one appears: a shell still running a script cannot start
 * one more command after that. A child is taken by its parent, not by its mark, because while it
 * execs its program /proc shows it no environment for a moment (the shell's `ip netns add` could
 * slip through and make a namespace after `down` had looked). Each round waits until what it
 * stopped is stopped. Returns them all, stopped, for {@link endProcesses}.
 */
export async function freezeMarked(name: string, value: string): Promise<number[]> {
  const stopped = new Set<number>();
  for (let round = 0; round < 50; round++) {
    const fresh = [...withDescendants(new Set([...(await pidsWithEnv(name, value)), ...stopped]))].filter((p) => !stopped.has(p) && p !== process.pid && processAlive(p));
    if (!fresh.length) break;
    for (const pid of fresh) {
      signalProcess(pid, 'SIGSTOP');
      stopped.add(pid);
    }
    await waitStopped(fresh, 1000);
  }
  return [...stopped];
}

/** The processes given and every process below them (children, their children…), from /proc. */
function withDescendants(roots: ReadonlySet<number>): Set<number> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const all = new Set(roots);
  // Not below this process: its own commands are not the ones to stop.
  for (const pid of all) if (pid !== process.pid) for (const child of children.get(pid) ?? []) all.add(child);
  return all;
}

/** Waits until each process is stopped (or ended), or `ms` passed. */
async function waitStopped(pids: readonly number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  const running = (pid: number) => processAlive(pid) && !['T', 't'].includes(statFields(pid)?.[0] ?? 'T');
  while (pids.some(running) && Date.now() < deadline) await sleep(5);
}
