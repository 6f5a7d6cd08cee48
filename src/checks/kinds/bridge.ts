import { bridgePorts } from '../../ovn/queries.js';
import { globRegex, type BridgeCheck } from '../../topology/checks/bridge.js';
import type { CheckProbe } from '../check.js';

/** True when every wanted key is there with a value its pattern matches. */
function has(actual: Record<string, string>, wanted: Record<string, string> | undefined): boolean {
  return Object.entries(wanted ?? {}).every(([k, v]) => actual[k] !== undefined && globRegex(v).test(actual[k]));
}

export const bridgeProbe: CheckProbe<BridgeCheck> = {
  kind: 'bridge',
  async attempt(spec, ctx) {
    const ports = await bridgePorts(ctx.node(spec.chassis), spec.bridge);
    if (!ports) return { ok: spec.expect === 'absent', seen: `${spec.chassis} has no bridge ${spec.bridge}` };
    const named = ports.filter((p) => globRegex(spec.port).test(p.name));
    const fitting = named.filter(
      (p) =>
        (spec.type === undefined || p.type === spec.type) &&
        has(p.options, spec.options) &&
        has(p.externalIds, spec.external_ids) &&
        (spec.vlan_mode === undefined || p.vlanMode === spec.vlan_mode) &&
        (spec.trunks === undefined || p.trunks.join(',') === spec.trunks.join(',')),
    );
    const vlan = (p: (typeof ports)[number]) => ({ ...(p.vlanMode ? { vlan_mode: p.vlanMode } : {}), ...(p.trunks.length ? { trunks: p.trunks.join(',') } : {}) });
    const pairs = (p: (typeof ports)[number]) => Object.entries({ ...p.options, ...(spec.external_ids ? p.externalIds : {}), ...vlan(p) }).map(([k, v]) => `${k}=${v}`);
    const show = (p: (typeof ports)[number]) => `${p.name} (${p.type || 'system'}${pairs(p).length ? `: ${pairs(p).join(' ')}` : ''})`;
    const seen = named.length ? named.map(show).join(', ') : `no port ${spec.port} on ${spec.bridge} (its ports: ${ports.map((p) => p.name).join(', ') || 'none'})`;
    return { ok: fitting.length > 0 === (spec.expect === 'present'), seen };
  },
};
