import { clip, count } from '../../base/text.js';
import type { CheckProbe } from '../../checks/check.js';
import { aclLogLines } from '../../ovn/queries.js';
import type { AclLogCheck } from './acl-log.js';

export const aclLogProbe: CheckProbe<AclLogCheck> = {
  kind: 'acl_log',
  async attempt(spec, ctx) {
    const lines = (await aclLogLines(ctx.node(spec.chassis))).filter((l) => l.name === spec.acl);
    const matching = lines.filter((l) => (!spec.verdict || l.verdict === spec.verdict) && (!spec.packet || l.packet.includes(spec.packet)));
    const seen = matching[0]
      ? `${matching.length} of ${count(lines.length, 'line')} of '${spec.acl}' match (first: verdict=${matching[0].verdict} ${clip(matching[0].packet, 140)})`
      : `${count(lines.length, 'line')} of '${spec.acl}', none matching${lines[0] ? ` (first: verdict=${lines[0].verdict} ${clip(lines[0].packet, 140)})` : ''}`;
    return { ok: matching.length > 0 === (spec.expect === 'present'), seen };
  },
};
