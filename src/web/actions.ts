import type { Exec } from '../base/exec.js';
import type { LabEvent, Reporter } from '../base/events.js';
import { UserError } from '../base/errors.js';
import { microflow } from '../checks/kinds/trace.js';
import { runChecks } from '../checks/run-checks.js';
import { flowsDuring, type AnnotatedFlow } from '../core/flows.js';
import { readRecord } from '../core/lab-store.js';
import { selectChecks } from '../core/test.js';
import { LabContext } from '../ovn/lab-context.js';
import { createRuntime } from '../runtime/registry.js';
import { targetAddress } from '../topology/checks/fields.js';
import { logicalSwitchOf, nodeNames } from '../topology/model.js';

/** A lab that is up, ready for commands (as `lab trace`, `lab flows`, `lab test NAME` open it). */
export async function openLab(name: string, exec: Exec): Promise<LabContext> {
  const record = await readRecord(name);
  return new LabContext(record.lab, createRuntime(record.runtime, name, exec, record.lab), exec);
}

/** What the page shows of a check as it runs: the step events of `lab test`, one line each. */
export interface CheckEvent {
  check: string;
  state: 'running' | 'waiting' | 'passed' | 'failed' | 'skipped';
  detail?: string;
  ms?: number;
}

function checkEvent(e: LabEvent): CheckEvent | undefined {
  const check = 'id' in e && e.id.startsWith('check:') ? e.id.slice('check:'.length) : undefined;
  if (check === undefined) return undefined;
  if (e.type === 'step-start') return { check, state: 'running' };
  if (e.type === 'step-progress') return { check, state: 'waiting', detail: e.message };
  if (e.type === 'step-done') return { check, state: e.skipped ? 'skipped' : 'passed', detail: e.detail, ms: Math.round(e.durationMs) };
  if (e.type === 'step-fail') return { check, state: 'failed', detail: e.error.message, ms: Math.round(e.durationMs) };
  return undefined;
}

/** Runs a lab's checks as `lab test NAME` does (the daemons check included), each event to `send` as it comes. */
export async function runLabChecks(name: string, exec: Exec, send: (e: CheckEvent) => void): Promise<{ passed: number; failed: number }> {
  const ctx = await openLab(name, exec);
  const reporter: Reporter = {
    notify: (e) => {
      const c = checkEvent(e);
      if (c) send(c);
    },
    flush: async () => undefined,
  };
  const results = await runChecks(ctx, selectChecks(ctx.lab), reporter);
  return { passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed).length };
}

/** `lab trace FROM TO --proto PROTO`: ovn-trace's output, and the command it ran. */
export async function traceBetween(name: string, exec: Exec, from: string, to: string, proto: string): Promise<{ command: string; output: string }> {
  const ctx = await openLab(name, exec);
  const vm = ctx.lab.vms.find((v) => v.name === from);
  if (!vm) throw new UserError(`lab '${name}' has no VM '${from}'`);
  const family = to.includes(':') ? 6 : 4;
  if (!targetAddress(ctx.lab, to, family)) throw new UserError(`'${to}' is neither a VM of lab '${name}' nor an IPv4 or IPv6 address`);
  if (!/^(icmp|(udp|tcp):\d{1,5})$/.test(proto)) throw new UserError(`'${proto}' is not icmp, udp:PORT or tcp:PORT`);
  const flow = microflow(ctx.lab, from, to, proto, family);
  const datapath = logicalSwitchOf(ctx.lab, vm.switch);
  const r = await ctx.central().run(['ovn-trace', datapath, flow], { nothrow: true });
  return { command: `ovn-trace ${datapath} '${flow}'`, output: `${r.stdout}${r.stderr}` };
}

/** `lab flows CHASSIS --during NODE -- sh -c LINE`: what the command printed, and the flows it hit. */
export async function flowsWhile(name: string, exec: Exec, chassis: string, node: string, line: string): Promise<{ output: string; exitCode: number; flows: AnnotatedFlow[] }> {
  const ctx = await openLab(name, exec);
  if (!ctx.lab.chassis.some((c) => c.name === chassis)) throw new UserError(`lab '${name}' has no chassis '${chassis}'`);
  if (!nodeNames(ctx.lab).includes(node)) throw new UserError(`lab '${name}' has no node '${node}'`);
  if (!line.trim()) throw new UserError('give a command to run');
  const r = await flowsDuring(ctx, chassis, node, ['sh', '-c', line]);
  return { output: `${r.result.stdout}${r.result.stderr}`, exitCode: r.result.exitCode, flows: r.flows };
}
