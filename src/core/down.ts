import type { Exec } from '../base/exec.js';
import { createRuntime, runtimeNames, type RuntimeFactory } from '../runtime/registry.js';
import { UserError } from '../base/errors.js';
import { sameProcessAlive, signalProcess, waitEnded } from '../base/processes.js';
import type { Reporter } from '../base/events.js';
import { checkStateDir, holdForRemoval, readRecord, releaseLab, releaseStateDirAt, type LabRecord } from './lab-store.js';

export interface DownDeps {
  exec: Exec;
  /** Default: the registry of real runtimes. */
  runtimes?: RuntimeFactory;
  /** Told when down waits for an `up` still making the lab. */
  reporter?: Reporter;
}

/** How long an `up` stopped by `down` gets to tear down what it made before it is killed. */
const MAKER_GRACE_MS = 60_000;

/**
 * `up` and `down` of one lab exclude each other: a lab still coming up is stopped first. Its
 * maker gets SIGTERM (as a Ctrl-C, it tears down what it made) and is waited for; one that does
 * not end in time is killed, and what it left is removed below, found by the lab's mark.
 */
async function stopMaker(record: LabRecord, deps: DownDeps): Promise<void> {
  const { maker } = record;
  if (record.state !== 'starting' || maker.pid === process.pid || !sameProcessAlive(maker)) return;
  // Looked at again just before the signal: an up that finished since has nothing to stop, and
  // once done it no longer turns a SIGTERM into a teardown.
  if ((await readRecord(record.lab.name).catch(() => undefined))?.state !== 'starting') return;
  deps.reporter?.notify({ type: 'info', message: `lab '${record.lab.name}' is still coming up (lab ${maker.command}, pid ${maker.pid}): stopping it first` });
  signalProcess(maker.pid, 'SIGTERM');
  if (await waitEnded([maker.pid], MAKER_GRACE_MS)) return;
  signalProcess(maker.pid, 'SIGKILL');
  await waitEnded([maker.pid], 5000);
}

/**
 * Removes a lab by name, from its record and what the system shows (namespaces, containers
 * carrying its mark), so it works after a crash and when the topology file changed or is gone.
 * Returns false when there was nothing of that lab.
 */
export async function destroyLab(name: string, deps: DownDeps): Promise<boolean> {
  const hadState = await checkStateDir(name);
  let record = await readRecord(name).catch(() => undefined);
  // With no record, no `up` may claim the name while everything of it goes; one that did first is
  // stopped by its record instead.
  const release = record ? undefined : await holdForRemoval(name);
  if (!record && !release) record = await readRecord(name).catch(() => undefined);
  const factory = deps.runtimes ?? createRuntime;
  let removed = 0;
  try {
    removed = await destroyWith(name, record, factory, deps);
  } finally {
    await release?.();
  }
  await releaseLab(name);
  return removed > 0 || hadState;
}

async function destroyWith(name: string, record: LabRecord | undefined, factory: RuntimeFactory, deps: DownDeps): Promise<number> {
  let removed = 0;
  if (record) {
    await stopMaker(record, deps);
    removed = await factory(record.runtime, name, deps.exec, record.lab).destroy({ onlyOurs: true });
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
  return removed;
}
