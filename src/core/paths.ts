import { join } from 'node:path';

/**
 * Where labs keep their records, sockets, databases and logs: one directory per lab.
 * Under /run, so a reboot (which also removes namespaces and processes) clears it too.
 */
export function stateRoot(): string {
  return process.env.LAB_STATE_DIR ?? '/run/lab';
}

export function labDir(lab: string): string {
  return join(stateRoot(), lab);
}
