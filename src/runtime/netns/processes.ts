import { setTimeout as sleep } from 'node:timers/promises';

import { readFileSync } from 'node:fs';
import { readdir, readlink, stat } from 'node:fs/promises';

/** True while the process exists and is not a zombie (a zombie has ended; it waits for its parent to reap it). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Ends the given processes by PID: SIGTERM, then SIGKILL for those still alive after `graceMs`. */
export async function endProcesses(pids: readonly number[], graceMs = 2000): Promise<void> {
  const live = pids.filter(alive);
  for (const pid of live) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  const deadline = Date.now() + graceMs;
  while (live.some(alive) && Date.now() < deadline) await sleep(20);
  for (const pid of live.filter(alive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

export { alive as processAlive };

/**
 * The state directories named in these processes' command lines: every daemon of a node gets
 * `<state dir>/nodes/<node>/…` paths (--pidfile, --log-file, sockets).
 */
export function stateDirsOf(pids: readonly number[]): string[] {
  const dirs = new Set<string>();
  for (const pid of pids) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    for (const arg of cmdline.split('\0')) {
      const m = /(?:^|[=:])(\/[^=:\s]*?)\/nodes\/[^/]+\//.exec(arg);
      if (m) dirs.add(m[1]!);
    }
  }
  return [...dirs];
}

/** Where iproute2 keeps the names of named network namespaces (`ip netns add` bind-mounts them here). */
const NETNS_RUN_DIR = '/run/netns';

/** The named network namespaces: what `ip netns list` prints, without its process. */
export async function namedNamespaces(): Promise<string[]> {
  try {
    return await readdir(NETNS_RUN_DIR);
  } catch {
    return [];
  }
}

/**
 * The processes in these named namespaces, found as `ip netns pids` finds them: every process
 * whose /proc/PID/ns/net is the namespace bind-mounted at /run/netns/NAME (same inode).
 */
export async function pidsInNamespaces(names: readonly string[]): Promise<number[]> {
  const inodes = new Set<string>();
  for (const name of names) {
    try {
      inodes.add(`net:[${(await stat(`${NETNS_RUN_DIR}/${name}`)).ino}]`);
    } catch {
      /* gone meanwhile */
    }
  }
  if (!inodes.size) return [];
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (inodes.has(await readlink(`/proc/${entry}/ns/net`))) pids.push(Number(entry));
    } catch {
      /* ended, or a kernel thread */
    }
  }
  return pids;
}
