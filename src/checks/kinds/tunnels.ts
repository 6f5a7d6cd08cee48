import type { CheckProbe } from '../check.js';

import type { TunnelsCheck } from '../../topology/checks/tunnels.js';

export const tunnelsProbe: CheckProbe<TunnelsCheck> = {
  kind: 'tunnels',
  async attempt(spec, ctx) {
    const mesh = ctx.lab.chassis.filter((c) => !spec.chassis || spec.chassis.includes(c.name));
    const seen: string[] = [];
    let ok = true;
    for (const c of mesh) {
      const out = await ctx.node(c.name).run(['ovs-vsctl', '--timeout=10', '--bare', '--columns=options', 'find', 'Interface', 'type=geneve']);
      const remotes = [...out.stdout.matchAll(/remote_ip="?([\d.]+)"?/g)].map((m) => m[1]!).sort();
      const wanted = mesh.filter((o) => o !== c).map((o) => o.ip);
      if (!wanted.every((ip) => remotes.includes(ip))) ok = false;
      seen.push(`${c.name} → ${remotes.join(' ') || 'none'}`);
    }
    return { ok, seen: seen.join('; ') };
  },
};
