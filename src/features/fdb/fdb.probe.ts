import type { CheckProbe } from '../../checks/check.js';
import { fdbRows } from '../../ovn/learned.js';
import { fdbMac, fdbPort, fdbSwitch, type FdbCheck } from './fdb-check.js';

export const fdbProbe: CheckProbe<FdbCheck> = {
  kind: 'fdb',
  async attempt(spec, ctx) {
    const rows = await fdbRows(ctx.central());
    if (!rows) return { ok: false, seen: 'the SB database did not answer' };
    const sw = fdbSwitch(spec, ctx.lab) ?? '';
    const mac = fdbMac(spec, ctx.lab) ?? spec.mac;
    const found = rows.filter((r) => r.switch === sw && r.mac === mac);
    if (!found.length) return { ok: spec.expect === 'gone', seen: `${sw}: no FDB row for ${mac}` };
    const port = fdbPort(spec, ctx.lab);
    const seen = `${sw}: ${found.map((r) => `${r.mac} learned on ${r.port}`).join(', ')}`;
    return { ok: spec.expect === 'learned' && (port === undefined || found.some((r) => r.port === port)), seen };
  },
};
