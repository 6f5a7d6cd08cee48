import { failChassis, faultTarget, FLOW_RESTORE_WAIT, killDaemon, recoverChassis, restartDaemon } from '../../ovn/faults.js';
import { commandArgv } from '../../base/exec.js';
import { shellLine } from '../../base/shell-line.js';
import { aclAddCommands, aclDelCommand } from '../../features/security/acl.js';
import { waitHvSync } from '../../ovn/waits.js';
import { serviceAction } from './service.js';
import { memberPortOf, serverOf, stepAction, type StepCheck } from '../../topology/checks/step.js';
import { flushConntrackCommand, setCommand } from '../../topology/checks/step-nb.js';
import { FEATURE_STEP_ACTIONS } from '../../topology/checks/all.js';
import { startServers, stopServer } from '../../vm/servers.js';
import type { Acl } from '../../features/security/model.js';
import { resolveAcl } from '../../features/security/resolve.js';
import type { CheckProbe } from '../check.js';
import type { LabContext } from '../../ovn/lab-context.js';

const on = (a: { switch?: string; port_group?: string }): Acl['on'] => (a.switch !== undefined ? { switch: a.switch } : { portGroup: a.port_group! });

/** The NB change a step makes, as ovn-nbctl commands of one transaction; undefined for the other steps. */
function nbChange(spec: StepCheck, ctx: LabContext): string[][] | undefined {
  if (spec.add_acl) return aclAddCommands(resolveAcl(spec.add_acl), '@step');
  if (spec.remove_acl) return [aclDelCommand({ ...spec.remove_acl, on: on(spec.remove_acl) })];
  for (const [key, verb] of [
    ['add_member', 'add'],
    ['remove_member', 'remove'],
  ] as const) {
    const m = spec[key];
    if (m)
      return [
        ['--id=@p', 'get', 'Logical_Switch_Port', memberPortOf(ctx.lab, m.member)!],
        [verb, 'Port_Group', m.port_group, 'ports', '@p'],
      ];
  }
  if (spec.add_nat) return [['lr-nat-add', spec.add_nat.router, spec.add_nat.type, spec.add_nat.external_ip, spec.add_nat.logical_ip]];
  if (spec.remove_nat) return [['lr-nat-del', spec.remove_nat.router, spec.remove_nat.type, spec.remove_nat.external_ip]];
  if (spec.add_route) return [['lr-route-add', spec.add_route.router, spec.add_route.prefix, spec.add_route.nexthop]];
  if (spec.remove_route) return [['lr-route-del', spec.remove_route.router, spec.remove_route.prefix]];
  if (spec.set) return [setCommand(spec.set)];
  return undefined;
}

export const stepProbe: CheckProbe<StepCheck> = {
  kind: 'step',
  async attempt(spec, ctx) {
    const began = performance.now();
    const result = await act(spec, ctx);
    const fault = spec.kill ?? spec.restart ?? spec.fail_chassis ?? spec.recover_chassis;
    if (fault !== undefined && result.ok) ctx.lastFault = { step: spec.name, at: began };
    return result;
  },
};

/** What a step does, and what it saw. */
async function act(spec: StepCheck, ctx: LabContext): Promise<{ ok: boolean; seen: string }> {
  const change = nbChange(spec, ctx);
  if (change) {
    const argv = ['ovn-nbctl', '--timeout=30', ...change.flatMap((c) => ['--', ...c])];
    const out = await ctx.central().run(argv, { nothrow: true });
    if (!out.ok) return { ok: false, seen: `ovn-nbctl failed: ${out.stderr.trim().split('\n')[0]}` };
    // The next check sees the change in every chassis' flows.
    await waitHvSync(ctx.central());
    return { ok: true, seen: `${(stepAction(spec) ?? 'change').replaceAll('_', ' ')} done: ${shellLine(change.flat())}` };
  }
  if (spec.flush_conntrack) return flushConntrack(spec.flush_conntrack, ctx);
  const feature = FEATURE_STEP_ACTIONS.find((a) => spec[a.key] !== undefined);
  if (feature) {
    const action = (await feature.action()) as unknown as { run(value: unknown, ctx: LabContext): Promise<{ ok: boolean; seen: string }> };
    return action.run(spec[feature.key], ctx);
  }
  if (spec.stop !== undefined) return serviceAction(ctx, spec.stop, 'stop');
  if (spec.start !== undefined) return serviceAction(ctx, spec.start, 'start');
  const server = spec.stop_server ?? spec.start_server;
  if (server) {
    const node = ctx.node(server.node);
    const s = serverOf(ctx.lab, server.node, server.port)!;
    if (spec.stop_server) return { ok: await stopServer(node, s), seen: `${server.node} ${s.kind}/${s.port} stopped` };
    await startServers(node, [s]);
    return { ok: true, seen: `${server.node} ${s.kind}/${s.port} listening again` };
  }
  if (spec.kill) {
    const target = await faultTarget(ctx, spec.kill);
    if (!target) return { ok: false, seen: `no node ${spec.kill.leader ? `leads ${spec.kill.leader.toUpperCase()}` : 'runs an active ovn-northd'} now` };
    return { ok: await killDaemon(ctx, target, spec.kill.daemon), seen: `${spec.kill.daemon} on ${target} killed (SIGKILL)` };
  }
  if (spec.restart) {
    const started = await restartDaemon(ctx, spec.restart.daemon, spec.restart.node);
    const running = spec.restart.node ? `already runs on ${spec.restart.node}` : 'was running everywhere';
    return { ok: true, seen: started.length ? `${spec.restart.daemon} started again on ${started.join(', ')}` : `${spec.restart.daemon} ${running}` };
  }
  if (spec.fail_chassis !== undefined) {
    const killed = await failChassis(ctx, spec.fail_chassis);
    return { ok: killed.length > 0, seen: killed.length ? `${spec.fail_chassis} failed: ${killed.join(', ')} killed (SIGKILL)` : `no daemon ran on ${spec.fail_chassis}` };
  }
  if (spec.recover_chassis !== undefined) {
    const { flowRestoreWait } = await recoverChassis(ctx, spec.recover_chassis);
    return { ok: true, seen: `${spec.recover_chassis} booted: ovsdb-server, ovs-vswitchd and ovn-controller started again${flowRestoreWait ? `, ovs-vswitchd ${FLOW_RESTORE_WAIT}` : ''}` };
  }
  const out = await ctx.node(spec.node ?? ctx.lab.central.name).run(commandArgv(spec.command!), { nothrow: true, timeoutMs: 60_000 });
  return { ok: out.ok, seen: `exit ${out.exitCode}${out.stderr.trim() ? `: ${out.stderr.trim().split('\n')[0]}` : ''}` };
}

/** Flushes a chassis' conntrack (a zone of it) in its ovs-vswitchd: the userspace datapath holds the connections. */
async function flushConntrack(f: NonNullable<StepCheck['flush_conntrack']>, ctx: LabContext): Promise<{ ok: boolean; seen: string }> {
  const out = await ctx.node(f.chassis).run(flushConntrackCommand(f), { nothrow: true });
  const where = f.zone === undefined ? f.chassis : `${f.chassis} zone ${f.zone}`;
  return { ok: out.ok, seen: out.ok ? `conntrack of ${where} flushed` : `ovs-appctl dpctl/flush-conntrack failed on ${f.chassis}: ${out.stderr.trim().split('\n').at(-1) ?? ''}` };
}
