import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, unknownName } from './fields.js';

const schema = z.strictObject({
  ...checkFields('bound'),
  vm: z.string().optional().describe('VM whose logical port is checked'),
  port: z.string().optional().describe('or any logical port by name: an external port, a gateway port (cr-<router port>)…'),
  chassis: z.string().optional().describe("chassis it must be bound to (default: the VM's chassis)"),
});
export type BoundCheck = z.infer<typeof schema>;

/** The logical port a bound check looks at: the VM's, or the one named. */
export function boundPort(spec: BoundCheck, lab: Parameters<CheckSpecKind<BoundCheck>['expected']>[1]): string {
  return spec.port ?? lab.vms.find((v) => v.name === spec.vm)?.port ?? '?';
}

export const boundSpec: CheckSpecKind<BoundCheck> = {
  kind: 'bound',
  summary: "a logical port (a VM's, or any by name) is bound (Port_Binding.chassis) to the expected chassis and up",
  schema,
  validate(spec, lab) {
    const problems = [];
    if ((spec.vm === undefined) === (spec.port === undefined)) problems.push({ field: 'vm', message: 'say which port: vm (a VM of the lab) or port (a logical port by name)' });
    const vm =
      spec.vm !== undefined &&
      unknownName(
        'VM',
        spec.vm,
        lab.vms.map((v) => v.name),
      );
    if (vm) problems.push({ field: 'vm', message: vm });
    if (spec.port !== undefined && spec.chassis === undefined) problems.push({ field: 'chassis', message: 'say which chassis the port must be bound to' });
    const ch =
      spec.chassis &&
      unknownName(
        'chassis',
        spec.chassis,
        lab.chassis.map((c) => c.name),
      );
    if (ch) problems.push({ field: 'chassis', message: ch });
    return problems;
  },
  negative: () => false,
  expected(spec, lab) {
    const chassis = spec.chassis ?? lab.vms.find((v) => v.name === spec.vm)!.chassis;
    return `port ${boundPort(spec, lab)} bound to ${chassis}, up`;
  },
};
