import type { LabContext } from '../../core/lab-context.js';
import type { CheckProbe } from '../check.js';

import type { BoundCheck } from '../../topology/checks/bound.js';

/** Chassis name by SB Chassis UUID. */
export async function chassisByUuid(ctx: LabContext): Promise<Map<string, string>> {
  const out = await ctx.central().run(['ovn-sbctl', '--timeout=10', '--format=csv', '--data=bare', '--no-headings', '--columns=_uuid,name', 'list', 'Chassis']);
  return new Map(out.stdout.split('\n').filter(Boolean).map((l) => l.split(',') as [string, string]));
}

export const boundProbe: CheckProbe<BoundCheck> = {
  kind: 'bound',
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
