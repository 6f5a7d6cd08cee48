import { commandArgv, withSignal, type Exec } from '../exec/exec.js';
import { startCentral } from '../ovn/central.js';
import { makeCertificates } from '../ovn/pki.js';
import { waitChassisRegistered, waitHvSync, waitPortUp } from '../ovn/waits.js';
import type { NodeShell } from '../ovn/node-shell.js';
import { startChassis } from '../ovn/chassis.js';
import { chooseDatapath } from '../ovn/datapath.js';
import { logicalNetworkTransactions } from '../ovn/logical-network.js';
import { createRuntime, type RuntimeFactory } from '../runtime/registry.js';
import type { Lab } from '../topology/model.js';
import { addressHost, addressVm, plugVm } from '../vm/vm.js';
import { startService } from '../services/dnsmasq.js';
import { vmAddress } from '../vm/address.js';
import { destroyLab } from './down.js';
import { InterruptedError, LabError } from './errors.js';
import { runStep, type Reporter } from './events.js';
import { planSteps } from './up-plan.js';
import { LabContext } from './lab-context.js';
import { claimLab, type LabRecord } from './lab-store.js';

export interface UpOptions {
  /** Overrides the runtime named in the file. */
  runtime?: string;
  /** Leave what was made in place when a step fails (for debugging); `lab down` removes it. */
  keepOnFailure?: boolean;
  /** Aborts the bring-up (Ctrl-C); what was made is torn down. */
  signal?: AbortSignal;
  /** Build chassis and addresses one after another instead of in parallel (for a readable `lab script`). */
  sequential?: boolean;
  /** Skip the host checks (root, programs, images): for `lab script`, which runs nothing. */
  skipPreflight?: boolean;
}

export interface UpDeps {
  exec: Exec;
  reporter: Reporter;
  /** Default: the registry of real runtimes. */
  runtimes?: RuntimeFactory;
  /** Records the lab before anything is made; default: the state directory under /run/lab. */
  claim?: (record: LabRecord) => Promise<void>;
}

export interface UpResult {
  lab: Lab;
  durationMs: number;
  /** The address each VM and host has once up (what `ip addr` shows in it). */
  addresses: { node: string; address: string }[];
}

/**
 * Brings a lab up: underlay, nodes, OVN daemons, logical network, VMs, addresses.
 * The lab is recorded before anything is made; on failure or interrupt it is torn down again
 * (unless keepOnFailure) and the original error is rethrown with its cause.
 */
export async function upLab(lab: Lab, deps: UpDeps, opts: UpOptions = {}): Promise<UpResult> {
  const started = performance.now();
  const signal = opts.signal;
  const exec = withSignal(deps.exec, signal);
  const runtimeName = opts.runtime ?? lab.runtime;
  const runtime = (deps.runtimes ?? createRuntime)(runtimeName, lab.name, exec, lab);
  const datapath = chooseDatapath(lab.datapath);
  const ctx = new LabContext(lab, runtime, exec);
  const r = deps.reporter;

  if (!opts.skipPreflight) await runtime.preflight();
  deps.reporter.notify({ type: 'plan', lab: lab.name, action: 'up', steps: planSteps(lab) });
  await (deps.claim ?? claimLab)({ lab, runtime: runtimeName, datapath, createdAt: new Date().toISOString(), pid: process.pid });
  const each = async <T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> => {
    if (!opts.sequential) return Promise.all(items.map(fn));
    const out: R[] = [];
    for (const item of items) out.push(await fn(item));
    return out;
  };

  const step = <T>(id: string, fn: () => Promise<T>, detail?: (x: T) => string | undefined) => {
    if (signal?.aborted) throw new InterruptedError(String(signal.reason ?? 'SIGINT'));
    return runStep(r, id, fn, detail);
  };
  try {
    await step('underlay', () => runtime.createUnderlay(lab.underlay.subnet.text));
    if (lab.networks.length) await step('networks', async () => { for (const n of lab.networks) await runtime.createNetwork(n); });
    await step('nodes', async () => {
      const prefix = lab.underlay.subnet.prefix;
      await runtime.createNode({ name: lab.central.name, ip: lab.central.ip, prefix });
      for (const c of lab.chassis) {
        await runtime.createNode({ name: c.name, ip: c.ip, prefix });
        for (const m of c.bridgeMappings) await runtime.connectToNetwork(c.name, m.network, m.iface);
      }
      for (const h of lab.hosts) await runtime.createHost(h);
    });
    if (lab.central.ssl) await step('certificates', () => makeCertificates(runtime, ctx.central(), lab.chassis.map((c) => ctx.node(c.name))));
    await step('central', () => startCentral(ctx.central(), lab.central));
    await each(lab.chassis, (c) => step(`chassis:${c.name}`, () => startChassis(ctx.node(c.name), lab, c, datapath), () => `${datapath} datapath`));
    await step('registered', async () => {
      for (const c of lab.chassis) await waitChassisRegistered(ctx.central(), c.name);
    });
    await step('logical', async () => {
      for (const argv of logicalNetworkTransactions(lab)) await ctx.central().run(argv);
    });
    await step('vms', async () => {
      for (const [i, vm] of lab.vms.entries()) {
        await runtime.createVm(vm);
        await plugVm(runtime, ctx.node(vm.chassis), vm, i, datapath);
      }
    });
    await step('bound', async () => {
      const central = ctx.central();
      // A localport is never bound to one chassis, so it never goes up.
      const ports = [
        ...lab.vms.filter((v) => !v.localport).flatMap((v) => [v.port, ...v.vlans.map((c) => c.port)]),
        ...lab.hosts.flatMap((h) => (h.externalPort ? [h.externalPort.port] : [])),
      ];
      for (const port of ports) await waitPortUp(central, port);
      await waitHvSync(central);
    });
    if (lab.services.length) {
      // Servers first: VMs on their switches ask them for leases next.
      await step('services', async () => {
        for (const svc of lab.services) {
          const vm = lab.vms.find((v) => v.service === svc.name)!;
          await addressVm(runtime, ctx.node(vm.name), vm);
          await startService(ctx.node(vm.name), svc);
        }
      });
    }
    // VMs (services are addressed already) and hosts outside OVN, in parallel.
    const addressable = [
      ...lab.vms.filter((v) => !v.service).map((vm) => ({ name: vm.name, assign: (n: NodeShell) => addressVm(runtime, n, vm) })),
      ...lab.hosts.map((h) => ({ name: h.name, assign: (n: NodeShell) => addressHost(runtime, n, h) })),
    ];
    const addresses = await each(addressable, (a) =>
      step(
        `address:${a.name}`,
        async () => {
          const node = ctx.node(a.name);
          await a.assign(node);
          return { node: a.name, address: (await vmAddress(node)) ?? '' };
        },
        (x) => x.address,
      ),
    );
    for (const [i, s] of lab.setup.entries()) {
      await step(`setup:${i}`, () => ctx.node(s.node).run(commandArgv(s.command)));
    }
    // A Ctrl-C during the last steps: commands that do not take the signal (Docker API execs)
    // finished anyway, but the lab must not come up.
    if (signal?.aborted) throw new InterruptedError(String(signal.reason ?? 'SIGINT'));
    return { lab, durationMs: performance.now() - started, addresses };
  } catch (error) {
    const interrupted = signal?.aborted ?? false;
    if (opts.keepOnFailure && !interrupted) {
      r.notify({ type: 'warn', message: `lab '${lab.name}' kept for debugging; remove it with 'lab down ${lab.name}'` });
    } else {
      r.notify({ type: 'info', message: `tearing down what was made of lab '${lab.name}'` });
      await destroyLab(lab.name, deps).catch((e: Error) =>
        r.notify({ type: 'warn', message: `teardown failed too: ${e.message}; run 'lab down ${lab.name}'` }),
      );
    }
    if (interrupted) throw new InterruptedError(String(signal?.reason ?? 'SIGINT'));
    throw new LabError(`lab '${lab.name}' did not come up: ${(error as Error).message}`, { cause: error });
  }
}
