import { setTimeout as sleep } from 'node:timers/promises';
import { clip, count } from '../../base/text.js';
import type { CheckProbe } from '../../checks/check.js';
import type { LabContext } from '../../ovn/lab-context.js';
import { aclLogLines } from '../../ovn/queries.js';
import { targetAddress } from '../../topology/checks/fields.js';
import type { AclLogCheck } from './acl-log.js';

type Line = Awaited<ReturnType<typeof aclLogLines>>[number];

/** ovn-controller writes a packet's line once the packet-in is handled: a moment after the ping's reply. */
const LOG_SETTLE_MS = 1000;

/** The ACL's lines in the chassis' log, and those of them the check is about. */
async function linesOf(spec: AclLogCheck, ctx: LabContext): Promise<{ lines: Line[]; matching: Line[] }> {
  const lines = (await aclLogLines(ctx.node(spec.chassis))).filter((l) => l.name === spec.acl);
  return { lines, matching: lines.filter((l) => (!spec.verdict || l.verdict === spec.verdict) && (!spec.packet || l.packet.includes(spec.packet))) };
}

/** The lines logged while the check's burst of pings runs (all of them without one). */
async function during(spec: AclLogCheck, ctx: LabContext): Promise<{ lines: Line[]; matching: Line[] }> {
  if (!spec.while) return linesOf(spec, ctx);
  const before = await linesOf(spec, ctx);
  const target = targetAddress(ctx.lab, spec.while.ping)!;
  await ctx.node(spec.while.from).run(['ping', '-n', '-q', '-c', String(spec.while.packets), '-i', '0.05', '-W', '1', target], { nothrow: true, timeoutMs: 30_000 });
  await sleep(LOG_SETTLE_MS);
  const after = await linesOf(spec, ctx);
  return { lines: after.lines.slice(before.lines.length), matching: after.matching.slice(before.matching.length) };
}

export const aclLogProbe: CheckProbe<AclLogCheck> = {
  kind: 'acl_log',
  async attempt(spec, ctx) {
    const { lines, matching } = await during(spec, ctx);
    const burst = spec.while ? ` while ${spec.while.from} sent ${spec.while.packets} pings` : '';
    const seen = matching[0]
      ? `${matching.length} of ${count(lines.length, 'line')} of '${spec.acl}'${burst} match (first: verdict=${matching[0].verdict} ${clip(matching[0].packet, 140)})`
      : `${count(lines.length, 'line')} of '${spec.acl}'${burst}, none matching${lines[0] ? ` (first: verdict=${lines[0].verdict} ${clip(lines[0].packet, 140)})` : ''}`;
    if (spec.lines) return { ok: matching.length >= (spec.lines.min ?? 0) && matching.length <= (spec.lines.max ?? Infinity), seen };
    return { ok: matching.length > 0 === (spec.expect === 'present'), seen };
  },
};
