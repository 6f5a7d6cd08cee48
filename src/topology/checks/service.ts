import * as z from 'zod';
import type { Lab } from '../model.js';
import { checkFields, unknownName } from './fields.js';
import type { CheckSpecKind } from './spec.js';

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
  const kind: CheckSpecKind<Spec> = {
    kind: action,
    summary: `${action} a service (a step between checks)`,
    schema,
    once: true,
    validate(spec: Spec, lab: Lab) {
      const problem = unknownName(
        'service',
        spec.service,
        lab.services.map((s) => s.name),
      );
      return problem ? [{ field: 'service', message: problem }] : [];
    },
    negative: () => false,
    expected: (spec: Spec) => `${spec.service} ${action === 'stop' ? 'stopped' : 'running'}`,
  };
  return kind;
}

export const stopSpec = serviceAction('stop');
export const startSpec = serviceAction('start');
export type ServiceCheck = { name: string; kind: 'stop' | 'start'; service: string; timeout?: number };
