import { UserError } from '../base/errors.js';
import { FAULT_DAEMONS, stepSpec, type StepCheck } from '../topology/checks/step.js';
import type { Lab } from '../topology/model.js';

/** `lab kill NODE DAEMON` / `lab restart NODE DAEMON` as the step of checks: that does it, checked as that step is. */
export function faultStep(lab: Lab, verb: 'kill' | 'restart', node: string, daemon: string): StepCheck {
  if (!(FAULT_DAEMONS as readonly string[]).includes(daemon)) throw new UserError(`'${daemon}' is not a daemon lab ${verb} knows`, `give one of: ${FAULT_DAEMONS.join(', ')}`);
  const fault = { daemon: daemon as (typeof FAULT_DAEMONS)[number], node };
  const step: StepCheck = { name: `${verb} ${daemon} on ${node}`, kind: 'step', [verb]: fault };
  const problem = stepSpec.validate(step, lab)[0];
  if (problem) throw new UserError(`lab '${lab.name}': ${problem.message}`, `lab ${verb} NODE DAEMON, e.g. 'lab ${verb} ${lab.chassis[0]?.name ?? 'hv1'} ovn-controller'`);
  return step;
}
