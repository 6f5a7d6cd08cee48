import { z } from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, unknownName } from './fields.js';

const schema = z.strictObject({
  ...checkFields('bound'),
  vm: z.string().describe('VM whose logical port is checked'),
  chassis: z.string().optional().describe("chassis it must be bound to (default: the VM's chassis)"),
});
export type BoundCheck = z.infer<typeof schema>;

export const boundSpec: CheckSpecKind<BoundCheck> = {
  kind: 'bound',
  summary: "a VM's logical port is bound (Port_Binding.chassis) to the expected chassis and up",
  schema,
  validate(spec, lab) {
    const problems = [];
    const vm = unknownName('VM', spec.vm, lab.vms.map((v) => v.name));
    if (vm) problems.push({ field: 'vm', message: vm });
    const ch = spec.chassis && unknownName('chassis', spec.chassis, lab.chassis.map((c) => c.name));
    if (ch) problems.push({ field: 'chassis', message: ch });
    return problems;
  },
  negative: () => false,
  expected(spec, lab) {
    const vm = lab.vms.find((v) => v.name === spec.vm)!;
    return `port ${vm.port} bound to ${spec.chassis ?? vm.chassis}, up`;
  },
};
