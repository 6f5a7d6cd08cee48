import { existsSync } from 'node:fs';
import type { Exec } from '../exec/exec.js';
import { createRuntime, runtimeNames, type RuntimeFactory } from '../runtime/registry.js';
import { UserError } from './errors.js';
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
  const factory = deps.runtimes ?? createRuntime;
  let removed = 0;
  if (record) {
    removed = await factory(record.runtime, name, deps.exec, record.lab).destroy();
  } else {
    // No record (removed by hand, or a reboot cleared /run): look in every runtime that answers.
    for (const runtime of runtimeNames()) {
      removed += await factory(runtime, name, deps.exec).destroy().catch((e: unknown) => {
        if (e instanceof UserError) return 0; // that runtime is not available here (no Docker daemon)
        throw e;
      });
    }
  }
  const hadState = existsSync(labDir(name));
  await releaseLab(name);
  return removed > 0 || hadState;
}
