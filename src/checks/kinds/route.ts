import type { RouteCheck } from '../../topology/checks/route.js';
import type { CheckProbe } from '../check.js';

export const routeProbe: CheckProbe<RouteCheck> = {
  kind: 'route',
  async attempt(spec, ctx) {
    const argv = spec.to === 'default' ? ['ip', '-4', 'route', 'show', 'default'] : ['ip', '-4', 'route', 'get', spec.to];
    const out = await ctx.node(spec.node).run(argv, { nothrow: true });
    const line = out.ok ? (out.stdout.trim().split('\n')[0] ?? '') : '';
    const via = / via (\S+)/.exec(line)?.[1];
    const present = line !== '' && (spec.via === undefined || via === spec.via);
    const seen = line ? `${spec.node}: ${line}` : `${spec.node}: no route to ${spec.to}${out.stderr.trim() ? ` (${out.stderr.trim()})` : ''}`;
    return { ok: present === (spec.expect === 'present'), seen };
  },
};
