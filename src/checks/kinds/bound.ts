import { portBinding } from '../../ovn/queries.js';
import type { BoundCheck } from '../../topology/checks/bound.js';
import type { CheckProbe } from '../check.js';

export const boundProbe: CheckProbe<BoundCheck> = {
  kind: 'bound',
  async attempt(spec, ctx) {
    const vm = ctx.lab.vms.find((v) => v.name === spec.vm)!;
    const want = spec.chassis ?? vm.chassis;
    const binding = await portBinding(ctx.central(), vm.port);
    if (!binding) return { ok: false, seen: `no Port_Binding for ${vm.port}` };
    const chassis = binding.chassis ?? 'no chassis';
    return { ok: chassis === want && binding.up, seen: `port ${vm.port} bound to ${chassis}, ${binding.up ? 'up' : 'down'}` };
  },
};
