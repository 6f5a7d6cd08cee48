import { clip } from '../../base/text.js';
import { conntrackEntries, type ConntrackEntry } from '../../ovn/queries.js';
import { parseMasked, type ConntrackCheck } from '../../topology/checks/conntrack.js';
import { canonical6 } from '../../topology/net6.js';
import type { CheckProbe } from '../check.js';

/** Whether an entry's tuple has every value the check gives (IPv6 addresses compared in canonical form). */
function matches(tuple: Record<string, string>, want: ConntrackCheck['original']): boolean {
  return Object.entries(want ?? {}).every(([k, v]) => tuple[k] !== undefined && canonical6(tuple[k]) === canonical6(String(v)));
}

/** Whether a value has the bits a check's `mark` or `labels` asks for (undefined: any value). */
function hasBits(value: bigint, want: number | string | undefined): boolean {
  if (want === undefined) return true;
  const { value: v, mask } = parseMasked(want);
  return mask === undefined ? value === v : (value & mask) === v;
}

/** Whether an entry is one the check looks for; OVS prints no zone=, mark= or labels= for 0, so 0 is what it left out. */
function fits(e: ConntrackEntry, spec: ConntrackCheck): boolean {
  return (
    (!spec.proto || e.proto === spec.proto) &&
    matches(e.original, spec.original) &&
    matches(e.reply, spec.reply) &&
    (spec.zone === undefined || e.zone === spec.zone) &&
    hasBits(e.mark, spec.mark) &&
    hasBits(e.labels, spec.labels) &&
    (spec.acl_label === undefined || e.labels >> 96n === BigInt(spec.acl_label))
  );
}

export const conntrackProbe: CheckProbe<ConntrackCheck> = {
  kind: 'conntrack',
  async attempt(spec, ctx) {
    const entries = await conntrackEntries(ctx.node(spec.chassis));
    const found = entries.filter((e) => fits(e, spec));
    const seen = found[0] ? `${found.length} of ${entries.length} entries match (first: ${clip(found[0].text, 200)})` : `none of ${entries.length} entries match${entries[0] ? ` (first: ${clip(entries[0].text, 160)})` : ''}`;
    return { ok: found.length > 0 === (spec.expect === 'present'), seen };
  },
};
