import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import { withSignal, type Exec } from '../base/exec.js';
import { chooseDatapath } from '../ovn/datapath.js';
import { createRuntime, placeLab, type RuntimeFactory } from '../runtime/registry.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Engine, Lab } from '../topology/model.js';
import { destroyLab } from './down.js';
import { InterruptedError, LabError } from '../base/errors.js';
import { runStep, type LabEvent, type Reporter } from '../base/events.js';
import { LabContext } from '../ovn/lab-context.js';
import { claimLab, currentOwner, markLabUp, RECORD_FORMAT, thisMaker, type LabRecord } from './lab-store.js';
import { upSteps, type UpEnv, type UpStep } from './up-steps.js';

export interface UpOptions {
  /** Overrides the runtime named in the file. */
  runtime?: string;
  /**
   * What becomes of what was made when a step fails: torn down (the default); kept for debugging,
   * saying how to remove it (`lab up --keep-on-failure`); or left to the caller, which says what it
   * does with it (`lab test` saves a failure bundle, then removes it unless --keep). An interrupt
   * tears down whatever this says.
   */
  onFailure?: 'tear-down' | 'keep' | 'leave-to-caller';
  /** Aborts the bring-up (Ctrl-C); what was made is torn down. */
  signal?: AbortSignal;
  /** Build chassis and addresses one after another instead of in parallel (for a readable `lab script`). */
  sequential?: boolean;
  /** Skip the host checks (root, programs, images): for `lab script`, which runs nothing. */
  skipPreflight?: boolean;
  /** docker runtime: the Docker engines to spread the lab over, instead of the file's (--engines, LAB_ENGINES). */
  engines?: Engine[];
}

export interface UpDeps {
  exec: Exec;
  reporter: Reporter;
  /** Default: the registry of real runtimes. */
  runtimes?: RuntimeFactory;
  /** Records the lab before anything is made; default: the state directory under /run/lab. */
  claim?: (record: LabRecord) => Promise<void>;
  /** Records that the lab is up, its last step done; default: rewrites its record. */
  markUp?: (name: string) => Promise<void>;
  /** What made the lab, for its record: `up` unless `test`. */
  command?: string;
}

export interface UpResult {
  /** The lab as it runs (its nodes placed on Docker engines). */
  lab: Lab;
  /** The runtime it runs on, ready for checks. */
  runtime: Runtime;
  durationMs: number;
  /** The address each VM and host has once up (what `ip addr` shows in it). */
  addresses: { node: string; address: string }[];
}

/**
 * Brings a lab up: underlay, nodes, OVN daemons, logical network, VMs, addresses.
 * The lab is recorded before anything is made; on failure or interrupt it is torn down again
 * (unless `onFailure` says otherwise) and the original error is rethrown with its cause.
 */
export async function upLab(file: Lab, deps: UpDeps, opts: UpOptions = {}): Promise<UpResult> {
  const started = performance.now();
  const runtimeName = opts.runtime ?? file.runtime;
  const lab = placeLab(runtimeName, file, opts.engines);
  const signal = opts.signal;
  // A failed step stops its siblings too (their commands are killed), so that the teardown starts
  // once nothing is making anything any more.
  const stop = new AbortController();
  const stopOrSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  setMaxListeners(0, stop.signal, stopOrSignal);
  const exec = withSignal(deps.exec, stopOrSignal);
  const runtime = (deps.runtimes ?? createRuntime)(runtimeName, lab.name, exec, lab);
  const datapath = chooseDatapath(lab.datapath);
  const ctx = new LabContext(lab, runtime, exec);
  const r = deps.reporter;

  if (!opts.skipPreflight) await runtime.preflight();
  const steps = await upSteps(lab);
  deps.reporter.notify({ type: 'plan', lab: lab.name, action: 'up', steps });
  const record: LabRecord = { format: RECORD_FORMAT, lab, runtime: runtimeName, datapath, createdAt: new Date().toISOString(), owner: currentOwner(), maker: thisMaker(deps.command ?? 'up'), state: 'starting' };
  await (deps.claim ?? claimLab)(record);
  // Nodes of one step side by side, a few at a time: enough to overlap Docker API round trips and
  // process start-up, few enough not to swamp two cores.
  const limit = pLimit(opts.sequential ? 1 : 8);
  const each = async <T>(items: readonly T[], work: (item: T) => Promise<void>) => {
    await settled(
      items.map((item) => limit(() => work(item))),
      stop,
    );
  };
  // Steps of one group (chassis, leases) side by side, a few dozen at a time: hundreds at once
  // (a lab of 500 chassis) would each take so long on two cores that their waits time out.
  const side = pLimit(opts.sequential ? 1 : 24);
  const env: UpEnv = { lab, runtime, ctx, datapath, addresses: [], each };
  const run = (step: UpStep) => {
    if (signal?.aborted) throw new InterruptedError(String(signal.reason ?? 'SIGINT'));
    return runStep(
      r,
      step.id,
      () => step.run(env),
      (detail) => detail || undefined,
    );
  };
  try {
    // Steps in order; consecutive steps of one group in parallel (one after another with `sequential`).
    for (let i = 0; i < steps.length;) {
      const group = steps[i]!.group;
      let j = i + 1;
      while (group && j < steps.length && steps[j]!.group === group) j += 1;
      const batch = steps.slice(i, j);
      if (opts.sequential || batch.length === 1) for (const step of batch) await run(step);
      else
        await settled(
          batch.map((step) => side(() => run(step))),
          stop,
        );
      i = j;
    }
    // A Ctrl-C during the last steps: commands that do not take the signal (Docker API execs)
    // finished anyway, but the lab must not come up.
    if (signal?.aborted) throw new InterruptedError(String(signal.reason ?? 'SIGINT'));
    await (deps.markUp ?? markLabUp)(lab.name);
    // Parallel steps finish in any order; report addresses in the lab's order.
    const order = steps.map((st) => st.id);
    const rank = new Map(order.map((id, i) => [id, i]));
    const at = (node: string) => rank.get(`address:${node}`) ?? -1;
    const addresses = [...env.addresses].sort((x, y) => at(x.node) - at(y.node));
    return { lab, runtime, durationMs: performance.now() - started, addresses };
  } catch (error) {
    const interrupted = signal?.aborted ?? false;
    const onFailure = interrupted ? 'tear-down' : (opts.onFailure ?? 'tear-down');
    if (onFailure === 'keep') r.notify(keptForDebugging(lab.name));
    if (onFailure === 'tear-down') {
      r.notify({ type: 'info', message: `tearing down what was made of lab '${lab.name}'` });
      await destroyLab(lab.name, deps).catch((e: Error) => r.notify({ type: 'warn', message: `teardown failed too: ${e.message}; run 'lab down ${lab.name}'` }));
    }
    if (interrupted) throw new InterruptedError(String(signal?.reason ?? 'SIGINT'));
    throw new UpFailed(`lab '${lab.name}' did not come up: ${(error as Error).message}`, { lab, runtime }, { cause: error });
  }
}

/** What is said of a lab that did not come up and is left in place. */
export function keptForDebugging(name: string): LabEvent {
  return { type: 'warn', message: `lab '${name}' kept for debugging; remove it with 'lab down ${name}'` };
}

/** A lab that did not come up, with what was made of it (for a failure bundle, when it was kept). */
export class UpFailed extends LabError {
  constructor(
    message: string,
    readonly made: { lab: Lab; runtime: Runtime },
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Like Promise.all, but the first failure stops the others (`stop` kills their commands) and it
 * rejects only once every one has settled: a teardown must not start while a sibling is still
 * making something (a Docker API call does not take the abort signal), or what that sibling makes
 * afterwards is left behind.
 */
async function settled(work: readonly Promise<unknown>[], stop: AbortController): Promise<void> {
  let first: { error: unknown } | undefined;
  await Promise.allSettled(
    work.map((w) =>
      w.catch((error: unknown) => {
        first ??= { error };
        stop.abort(error);
      }),
    ),
  );
  if (first) throw first.error;
}
