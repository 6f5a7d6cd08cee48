import { clip } from '../../base/text.js';
import { conntrackEntries, type ConntrackEntry } from '../../ovn/queries.js';
import type { ConntrackCheck } from '../../topology/checks/conntrack.js';
import type { CheckProbe } from '../check.js';

/** Whether an entry's tuple has every value the check gives. */
function matches(tuple: Record<string, string>, want: ConntrackCheck['original']): boolean {
  return Object.entries(want ?? {}).every(([k, v]) => tuple[k] === String(v));
}

export const conntrackProbe: CheckProbe<ConntrackCheck> = {
  kind: 'conntrack',
  async attempt(spec, ctx) {
    const entries = await conntrackEntries(ctx.node(spec.chassis));
    const found = entries.filter((e: ConntrackEntry) => (!spec.proto || e.proto === spec.proto) && matches(e.original, spec.original) && matches(e.reply, spec.reply) && (spec.zone === undefined || e.zone === spec.zone));
    const seen = found[0] ? `${found.length} of ${entries.length} entries match (first: ${clip(found[0].text, 200)})` : `none of ${entries.length} entries match${entries[0] ? ` (first: ${clip(entries[0].text, 160)})` : ''}`;
    return { ok: found.length > 0 === (spec.expect === 'present'), seen };
  },
};
