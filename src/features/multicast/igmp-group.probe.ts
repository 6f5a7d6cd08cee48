import type { CheckProbe } from '../../checks/check.js';
import { igmpGroups } from '../../ovn/queries.js';
import { expectedRows, rowsText, snoopingSwitchOf, type IgmpGroupCheck } from './igmp-group.js';

export const igmpGroupProbe: CheckProbe<IgmpGroupCheck> = {
  kind: 'igmp_group',
  async attempt(spec, ctx) {
    const sw = snoopingSwitchOf(spec, ctx.lab)!;
    const all = await igmpGroups(ctx.central(), sw, spec.protocol !== undefined);
    if (!all) return { ok: false, seen: 'the SB database did not answer' };
    const rows = all.filter((r) => r.address === spec.group);
    const seen = rowsText(spec.group, sw, rows);
    return { ok: seen === rowsText(spec.group, sw, expectedRows(spec, ctx.lab)), seen };
  },
};
