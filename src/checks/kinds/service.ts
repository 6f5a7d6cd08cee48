import { z } from 'zod';
import { serviceRunning, startService, stopService } from '../../services/dnsmasq.js';
import type { Lab } from '../../topology/model.js';
import type { CheckKind } from '../check.js';
import { checkFields, unknownName } from '../fields.js';

/**
 * Steps that act between checks: stop or start a service (a fault and its repair). They pass
 * when the service is in the wanted state afterwards, and are safe to repeat.
 */
function serviceAction(action: 'stop' | 'start') {
  const schema = z.strictObject({
    ...checkFields(action),
    service: z.string().describe(`the service to ${action}`),
  });
  type Spec = z.infer<typeof schema>;
  const kind: CheckKind<Spec> = {
    kind: action,
    summary: `${action} a service (a step between checks)`,
    schema,
    validate(spec: Spec, lab: Lab) {
      const problem = unknownName('service', spec.service, lab.services.map((s) => s.name));
      return problem ? [{ field: 'service', message: problem }] : [];
    },
    negative: () => false,
    expected: (spec: Spec) => `${spec.service} ${action === 'stop' ? 'stopped' : 'running'}`,
    async attempt(spec: Spec, ctx) {
      const node = ctx.node(spec.service);
      if (action === 'stop') await stopService(node);
      else if (!(await serviceRunning(node))) await startService(node, ctx.lab.services.find((s) => s.name === spec.service)!);
      const running = await serviceRunning(node);
      return { ok: running === (action === 'start'), seen: `${spec.service} ${running ? 'running' : 'stopped'}` };
    },
  };
  return kind;
}

export const stopCheck = serviceAction('stop');
export const startCheck = serviceAction('start');
