import { join } from 'node:path';
import type { CheckResult, Clock } from '../checks/check.js';
import { runChecks } from '../checks/run-checks.js';
import type { CheckSpec } from '../topology/model.js';
import type { Exec } from '../base/exec.js';
import { createRuntime, type RuntimeFactory } from '../runtime/registry.js';
import type { Engine, Lab } from '../topology/model.js';
import { saveFailureBundle } from './bundle.js';
import { destroyLab } from './down.js';
import { InterruptedError, UserError, withHint } from '../base/errors.js';
import type { Reporter } from '../base/events.js';
import { LabContext } from '../ovn/lab-context.js';
import { readRecord } from './lab-store.js';
import { keptForDebugging, upLab, UpFailed } from './up.js';
import type { Runtime } from '../runtime/runtime.js';
import { labOrigins, type NodeOrigin } from '../ovn/origins.js';

export interface TestDeps {
  exec: Exec;
  reporter: Reporter;
  runtimes?: RuntimeFactory;
  clock?: Clock;
}

export interface TestOptions {
  /** Leave the lab up after its checks. */
  keep?: boolean;
  /** Run only the checks with these names. */
  only?: string[];
  runtime?: string;
  /** docker runtime: spread labs over these engines instead of their files' (--engines, LAB_ENGINES). */
  engines?: Engine[];
  /** Where failure bundles go (a directory per failed lab is made inside). */
  bundleRoot: string;
  signal?: AbortSignal;
}

/** What `lab test` found for one lab. `error` means it could not be brought up or checked. */
export interface LabTestReport {
  lab: string;
  file?: string;
  status: 'passed' | 'failed' | 'error';
  error?: string;
  checks: CheckResult[];
  bundle?: string;
  /** Where each central's and chassis' OVN and OVS came from (a build tree with its commit, or packages), once it was up. */
  nodes?: NodeOrigin[];
  durationsMs: { up: number; checks: number; down: number; total: number };
}

/**
 * Every `lab test` of a whole lab ends with this check unless the lab has a daemons check of its
 * own: a killed ovn-controller leaves its flows behind, and the other checks would still pass.
 */
const DAEMONS_CHECK: CheckSpec = { name: 'lab daemons are running', kind: 'daemons', timeout: 2 };

/** The checks to run: all (and the daemons check), or those named with --only (an unknown name is a user error). */
export function selectChecks(lab: Lab, only?: string[]): CheckSpec[] {
  if (!only?.length) return lab.checks.some((c) => c.kind === 'daemons') ? lab.checks : [...lab.checks, DAEMONS_CHECK];
  const unknown = only.filter((n) => !lab.checks.some((c) => c.name === n));
  if (unknown.length) {
    throw new UserError(`lab '${lab.name}' has no check named ${unknown.map((u) => `'${u}'`).join(', ')}`, `its checks: ${lab.checks.map((c) => `'${c.name}'`).join(', ')} (see 'lab test --list')`);
  }
  return lab.checks.filter((c) => only.includes(c.name));
}

function stamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Brings a lab up (unless `running`), runs its checks, saves a failure bundle when one fails,
 * and takes the lab down again unless asked to keep it. A lab that is already running is
 * only checked.
 */
export async function testLab(lab: Lab, running: boolean, deps: TestDeps, opts: TestOptions): Promise<LabTestReport> {
  const started = performance.now();
  const checks = selectChecks(lab, opts.only);
  const report: LabTestReport = { lab: lab.name, ...(lab.file ? { file: lab.file } : {}), status: 'passed', checks: [], durationsMs: { up: 0, checks: 0, down: 0, total: 0 } };
  const tookUp = !running;
  // The lab as it runs (on the Docker engines it was placed on) and its runtime: what up made.
  let made: { lab: Lab; runtime: Runtime } | undefined;
  if (running) {
    const record = await readRecord(lab.name);
    made = { lab: record.lab, runtime: (deps.runtimes ?? createRuntime)(record.runtime, lab.name, deps.exec, record.lab) };
  } else {
    try {
      const up = await upLab(lab, { ...deps, command: 'test' }, { runtime: opts.runtime ?? lab.runtime, onFailure: 'leave-to-caller', signal: opts.signal, ...(opts.engines ? { engines: opts.engines } : {}) });
      made = { lab: up.lab, runtime: up.runtime };
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      report.status = 'error';
      report.error = withHint(error as Error);
      // A lab refused before anything was made (already up, runtime not available) has nothing to bundle or tear down.
      if (error instanceof UserError) {
        report.durationsMs.total = performance.now() - started;
        return report;
      }
      // What up made stays for the failure bundle; below, it goes or is kept like a lab that came up.
      if (error instanceof UpFailed) made = error.made;
    }
    report.durationsMs.up = performance.now() - started;
  }
  const ctx = made && new LabContext(made.lab, made.runtime, deps.exec);

  if (report.status !== 'error' && ctx) {
    report.nodes = await labOrigins(ctx).catch(() => undefined);
    const t = performance.now();
    report.checks = await runChecks(ctx, checks, deps.reporter, deps.clock);
    report.durationsMs.checks = performance.now() - t;
    if (report.checks.some((c) => !c.passed)) report.status = 'failed';
  }
  if (report.status !== 'passed' && ctx) {
    report.bundle = await saveFailureBundle(ctx, join(opts.bundleRoot, `${lab.name}-${stamp()}`)).catch(() => undefined);
  }
  if (tookUp && !opts.keep) {
    const t = performance.now();
    await destroyLab(lab.name, deps);
    report.durationsMs.down = performance.now() - t;
  } else if (tookUp && report.status === 'error' && made) deps.reporter.notify(keptForDebugging(lab.name));
  report.durationsMs.total = performance.now() - started;
  return report;
}
