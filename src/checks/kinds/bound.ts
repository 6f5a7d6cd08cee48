import { portBinding } from '../../ovn/queries.js';
import { boundPort, type BoundCheck } from '../../topology/checks/bound.js';
import type { CheckProbe } from '../check.js';

export const boundProbe: CheckProbe<BoundCheck> = {
  kind: 'bound',
  async attempt(spec, ctx) {
    const port = boundPort(spec, ctx.lab);
    const want = spec.chassis ?? ctx.lab.vms.find((v) => v.name === spec.vm)!.chassis;
    const binding = await portBinding(ctx.central(), port);
    if (!binding) return { ok: false, seen: `no Port_Binding for ${port}` };
    const chassis = binding.chassis ?? 'no chassis';
    return { ok: chassis === want && binding.up, seen: `port ${port} bound to ${chassis}, ${binding.up ? 'up' : 'down'}` };
  },
};
