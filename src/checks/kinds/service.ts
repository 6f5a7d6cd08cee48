import { serviceRunning, startService, stopService } from '../../services/dnsmasq.js';
import type { ServiceCheck } from '../../topology/checks/service.js';
import type { CheckProbe } from '../check.js';

function serviceProbe(action: 'stop' | 'start'): CheckProbe<ServiceCheck> {
  return {
    kind: action,
    async attempt(spec, ctx) {
      const node = ctx.node(spec.service);
      if (action === 'stop') await stopService(node);
      else if (!(await serviceRunning(node))) await startService(node, ctx.lab.services.find((s) => s.name === spec.service)!);
      const running = await serviceRunning(node);
      return { ok: running === (action === 'start'), seen: `${spec.service} ${running ? 'running' : 'stopped'}` };
    },
  };
}

export const stopProbe = serviceProbe('stop');
export const startProbe = serviceProbe('start');
