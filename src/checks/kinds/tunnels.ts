import { geneveRemotes } from '../../ovn/queries.js';
import type { TunnelsCheck } from '../../topology/checks/tunnels.js';
import type { CheckProbe } from '../check.js';

export const tunnelsProbe: CheckProbe<TunnelsCheck> = {
  kind: 'tunnels',
  async attempt(spec, ctx) {
    const mesh = ctx.lab.chassis.filter((c) => !spec.chassis || spec.chassis.includes(c.name));
    const seen: string[] = [];
    let ok = true;
    for (const c of mesh) {
      const remotes = await geneveRemotes(ctx.node(c.name));
      const wanted = mesh.filter((o) => o !== c).map((o) => o.ip);
      if (!wanted.every((ip) => remotes.includes(ip))) ok = false;
      seen.push(`${c.name} → ${remotes.join(' ') || 'none'}`);
    }
    return { ok, seen: seen.join('; ') };
  },
};
