import { z } from 'zod';
import type { LabContext } from '../../core/lab-context.js';
import type { CheckKind } from '../check.js';
import { checkFields, unknownName } from '../fields.js';

const schema = z.strictObject({
  ...checkFields('bound'),
  vm: z.string().describe('VM whose logical port is checked'),
  chassis: z.string().optional().describe("chassis it must be bound to (default: the VM's chassis)"),
});
type BoundCheck = z.infer<typeof schema>;

/** Chassis name by SB Chassis UUID. */
export async function chassisByUuid(ctx: LabContext): Promise<Map<string, string>> {
  const out = await ctx.central().run(['ovn-sbctl', '--timeout=10', '--format=csv', '--data=bare', '--no-headings', '--columns=_uuid,name', 'list', 'Chassis']);
  return new Map(out.stdout.split('\n').filter(Boolean).map((l) => l.split(',') as [string, string]));
}

export const boundCheck: CheckKind<BoundCheck> = {
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
  async attempt(spec, ctx) {
    const vm = ctx.lab.vms.find((v) => v.name === spec.vm)!;
    const want = spec.chassis ?? vm.chassis;
    const [names, binding] = await Promise.all([
      chassisByUuid(ctx),
      ctx.central().run(['ovn-sbctl', '--timeout=10', '--format=csv', '--data=bare', '--no-headings', '--columns=chassis,up', 'find', 'Port_Binding', `logical_port=${vm.port}`]),
    ]);
    const [uuid, up] = binding.stdout.trim().split(',');
    if (!binding.stdout.trim()) return { ok: false, seen: `no Port_Binding for ${vm.port}` };
    const chassis = uuid ? names.get(uuid) ?? uuid : 'no chassis';
    return { ok: chassis === want && up === 'true', seen: `port ${vm.port} bound to ${chassis}, ${up === 'true' ? 'up' : 'down'}` };
  },
};
