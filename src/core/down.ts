import { existsSync } from 'node:fs';
import type { Exec } from '../exec/exec.js';
import { createRuntime, type RuntimeFactory } from '../runtime/registry.js';
import { readRecord, releaseLab } from './lab-store.js';
import { labDir } from './paths.js';

export interface DownDeps {
  exec: Exec;
  /** Default: the registry of real runtimes. */
  runtimes?: RuntimeFactory;
}

/**
 * Removes a lab by name, from its record and what the system shows (namespaces, containers
 * carrying its mark), so it works after a crash and when the topology file changed or is gone.
 * Returns false when there was nothing of that lab.
 */
export async function destroyLab(name: string, deps: DownDeps): Promise<boolean> {
  const record = await readRecord(name).catch(() => undefined);
  const runtime = (deps.runtimes ?? createRuntime)(record?.runtime ?? 'netns', name, deps.exec, record?.lab);
  const removed = await runtime.destroy();
  const hadState = existsSync(labDir(name));
  await releaseLab(name);
  return removed > 0 || hadState;
}
