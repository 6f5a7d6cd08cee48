import { tunnelPorts } from '../../ovn/queries.js';
import { optionsText, type TunnelsCheck } from '../../topology/checks/tunnels.js';
import { tunnelPeers } from '../../topology/model.js';
import type { CheckProbe } from '../check.js';

export const tunnelsProbe: CheckProbe<TunnelsCheck> = {
  kind: 'tunnels',
  async attempt(spec, ctx) {
    const mesh = ctx.lab.chassis.filter((c) => !spec.chassis || spec.chassis.includes(c.name));
    const seen: string[] = [];
    let ok = true;
    for (const c of mesh) {
      const ports = (await tunnelPorts(ctx.node(c.name))).filter((p) => p.type === c.encap);
      const remotes = ports.map((p) => p.options.remote_ip ?? '?');
      const wanted = tunnelPeers(c, mesh).map((o) => o.ip);
      // None to a chassis of the mesh outside its transport zones.
      const unwanted = mesh.filter((o) => o !== c && !wanted.includes(o.ip)).map((o) => o.ip);
      const optionsOk = ports.every((p) => Object.entries(spec.options ?? {}).every(([k, v]) => p.options[k] === v));
      if (!wanted.every((ip) => remotes.includes(ip)) || remotes.some((ip) => unwanted.includes(ip)) || !optionsOk) ok = false;
      const shown = spec.options && ports[0] ? ` (${optionsText(ports[0].options)})` : '';
      seen.push(`${c.name} → ${ports.length ? `${c.encap} ${remotes.join(' ')}` : 'none'}${shown}`);
    }
    return { ok, seen: seen.join('; ') };
  },
};
