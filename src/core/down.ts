import type { Exec } from '../base/exec.js';
import { createRuntime, runtimeNames, type RuntimeFactory } from '../runtime/registry.js';
import { UserError } from '../base/errors.js';
import { checkStateDir, readRecord, releaseLab, releaseStateDirAt } from './lab-store.js';

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
  const hadState = await checkStateDir(name);
  const record = await readRecord(name).catch(() => undefined);
  const factory = deps.runtimes ?? createRuntime;
  let removed = 0;
  if (record) {
    removed = await factory(record.runtime, name, deps.exec, record.lab).destroy();
  } else {
    // No record (removed by hand, a reboot cleared /run, or the lab came up under another
    // LAB_STATE_DIR): look in every runtime that answers, and at the state directory its nodes name.
    for (const runtimeName of runtimeNames()) {
      const runtime = factory(runtimeName, name, deps.exec);
      const gone = async () => {
        const elsewhere = await runtime.stateDirs();
        const n = await runtime.destroy();
        for (const dir of elsewhere) await releaseStateDirAt(dir, name);
        return n;
      };
      removed += await gone().catch((e: unknown) => {
        if (e instanceof UserError) return 0; // that runtime is not available here (no Docker daemon)
        throw e;
      });
    }
  }
  await releaseLab(name);
  return removed > 0 || hadState;
}
