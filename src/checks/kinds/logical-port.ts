import { logicalSwitchPort } from '../../ovn/queries.js';
import type { LogicalPortCheck } from '../../topology/checks/logical-port.js';
import type { CheckProbe } from '../check.js';

export const logicalPortProbe: CheckProbe<LogicalPortCheck> = {
  kind: 'logical_port',
  async attempt(spec, ctx) {
    const port = await logicalSwitchPort(ctx.central(), spec.port);
    if (!port) return { ok: false, seen: `no logical switch port ${spec.port}` };
    const child = port.parent ? `, parent ${port.parent}, tag ${port.tag ?? 'none'}` : '';
    const seen = `port ${spec.port}, on ${port.switch}, type ${port.type || '""'}${child}, addresses ${port.addresses.join(' | ') || 'none'}`;
    const ok =
      (spec.type === undefined || port.type === spec.type) &&
      (spec.switch === undefined || port.switch === spec.switch) &&
      (spec.parent === undefined || port.parent === spec.parent) &&
      (spec.tag === undefined || port.tag === spec.tag) &&
      (spec.addresses === undefined || port.addresses.some((a) => a.includes(spec.addresses!)));
    return { ok, seen };
  },
};
