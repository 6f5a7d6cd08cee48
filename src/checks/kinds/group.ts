import { clip } from '../../base/text.js';
import { brIntGroups, type OpenFlowGroup } from '../../ovn/datapath-tables.js';
import { textList } from '../../topology/checks/flow.js';
import type { GroupCheck } from '../../topology/checks/group.js';
import type { CheckProbe } from '../check.js';

/** Whether a group has exactly the backends asked for (in any order). */
function sameBackends(g: OpenFlowGroup, want: string[] | undefined): boolean {
  return !want || (g.backends.length === want.length && want.every((b) => g.backends.includes(b)));
}

const describe = (g: OpenFlowGroup) => `group ${g.id} ${g.type}: ${g.backends.length ? g.backends.join(', ') : clip(g.buckets.join(' | '), 120)}`;

export const groupProbe: CheckProbe<GroupCheck> = {
  kind: 'group',
  async attempt(spec, ctx) {
    const groups = await brIntGroups(ctx.node(spec.chassis));
    const found = groups.filter((g) => (!spec.type || g.type === spec.type) && sameBackends(g, spec.backends) && g.buckets.every((b) => textList(spec.bucket_actions).every((a) => b.includes(a))));
    const seen = groups.length ? `${found.length} of ${groups.length} groups match; ${clip(groups.map(describe).join('; '), 300)}` : `no group on ${spec.chassis}'s br-int`;
    return { ok: found.length > 0 === (spec.expect === 'present'), seen };
  },
};
