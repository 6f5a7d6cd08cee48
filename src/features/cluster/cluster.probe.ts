import { count } from '../../base/text.js';
import { clusterStatus } from '../../ovn/queries.js';
import type { CheckProbe } from '../../checks/check.js';
import type { ClusterCheck } from './cluster-check.js';

export const clusterProbe: CheckProbe<ClusterCheck> = {
  kind: 'cluster',
  async attempt(spec, ctx) {
    const members = ctx.lab.central.members ?? [];
    const want = spec.up ?? members.length;
    let ok = true;
    const seen: string[] = [];
    for (const db of spec.db === 'both' ? (['nb', 'sb'] as const) : [spec.db]) {
      const states = await Promise.all(members.map(async (m) => ({ name: m.name, ...(await clusterStatus(ctx.node(m.name), db)) })));
      const running = states.filter((s) => s.role === 'leader' || s.role === 'follower');
      const leaders = states.filter((s) => s.role === 'leader');
      // Each running member knows every member; the leader talks with every other running one,
      // a follower at least with the leader (Raft needs no follower-to-follower connection).
      const whole = running.every((s) => s.servers === members.length && s.connected >= (s.role === 'leader' ? running.length - 1 : 1));
      if (running.length !== want || leaders.length !== 1 || !whole) ok = false;
      seen.push(`${db.toUpperCase()}: ${states.map((s) => `${s.name} ${s.role}${s.role === 'leader' && s.term ? ` (term ${s.term})` : ''}${s.role === 'down' ? '' : `, ${count(s.connected, 'peer')}`}`).join('; ')}`);
    }
    return { ok, seen: seen.join(' | ') };
  },
};
