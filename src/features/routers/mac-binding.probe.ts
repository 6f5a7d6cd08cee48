import type { CheckProbe } from '../../checks/check.js';
import { macBindings } from '../../ovn/learned.js';
import { addressKey, expectedMac, watchedPorts, type MacBindingCheck } from './mac-binding.js';

export const macBindingProbe: CheckProbe<MacBindingCheck> = {
  kind: 'mac_binding',
  async attempt(spec, ctx) {
    const rows = await macBindings(ctx.central());
    if (!rows) return { ok: false, seen: 'the SB database did not answer' };
    const ports = watchedPorts(spec, ctx.lab);
    const ip = addressKey(spec.ip);
    const found = rows.filter((r) => ports.includes(r.port) && addressKey(r.ip) === ip);
    const where = spec.port !== undefined ? `${spec.router} (${spec.port})` : spec.router;
    if (!found.length) return { ok: spec.expect === 'gone', seen: `${where}: no MAC_Binding for ${spec.ip}` };
    const seen = `${where}: ${found.map((r) => `${r.ip} is-at ${r.mac} on ${r.port}`).join(', ')}`;
    const mac = expectedMac(spec, ctx.lab);
    return { ok: spec.expect === 'learned' && (mac === undefined || found.some((r) => r.mac === mac)), seen };
  },
};
