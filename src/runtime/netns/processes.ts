import { readFileSync } from 'node:fs';
import { readdir, readlink, stat } from 'node:fs/promises';

/** A process' command line, its arguments joined by spaces ('' once it ended). */
export function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

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
export const NETNS_RUN_DIR = '/run/netns';

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
