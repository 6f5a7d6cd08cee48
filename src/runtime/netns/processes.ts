import { setTimeout as sleep } from 'node:timers/promises';

import { readFileSync } from 'node:fs';

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
