import { bridgePorts } from '../../ovn/queries.js';
import { globRegex, type BridgeCheck } from '../../topology/checks/bridge.js';
import type { CheckProbe } from '../check.js';

export const bridgeProbe: CheckProbe<BridgeCheck> = {
  kind: 'bridge',
  async attempt(spec, ctx) {
    const ports = await bridgePorts(ctx.node(spec.chassis), spec.bridge);
    if (!ports) return { ok: spec.expect === 'absent', seen: `${spec.chassis} has no bridge ${spec.bridge}` };
    const named = ports.filter((p) => globRegex(spec.port).test(p.name));
    const fitting = named.filter(
      (p) => (spec.type === undefined || p.type === spec.type) && Object.entries(spec.options ?? {}).every(([k, v]) => p.options[k] !== undefined && globRegex(v).test(p.options[k]!)),
    );
    const show = (p: (typeof ports)[number]) => `${p.name} (${p.type || 'system'}${Object.keys(p.options).length ? `: ${Object.entries(p.options).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''})`;
    const seen = named.length ? named.map(show).join(', ') : `no port ${spec.port} on ${spec.bridge} (its ports: ${ports.map((p) => p.name).join(', ') || 'none'})`;
    return { ok: (fitting.length > 0) === (spec.expect === 'present'), seen };
  },
};
