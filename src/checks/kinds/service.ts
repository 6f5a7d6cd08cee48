import type { LabContext } from '../../ovn/lab-context.js';
import { serviceRunning, startService, stopService } from '../../services/dnsmasq.js';
import type { ServiceCheck } from '../../topology/checks/service.js';
import type { Attempt, CheckProbe } from '../check.js';

/** Stops or starts a service (starting only when it is not running) and says what state it is in then. */
export async function serviceAction(ctx: LabContext, name: string, action: 'stop' | 'start'): Promise<Attempt> {
  const svc = ctx.lab.services.find((s) => s.name === name)!;
  const node = ctx.node(svc.node);
  if (action === 'stop') await stopService(node);
  else if (!(await serviceRunning(node))) await startService(node, svc);
  const running = await serviceRunning(node);
  return { ok: running === (action === 'start'), seen: `${name} ${running ? 'running' : 'stopped'}` };
}

function serviceProbe(action: 'stop' | 'start'): CheckProbe<ServiceCheck> {
  return { kind: action, attempt: (spec, ctx) => serviceAction(ctx, spec.service, action) };
}

export const stopProbe = serviceProbe('stop');
export const startProbe = serviceProbe('start');
