import type { CheckProbe } from '../../checks/check.js';
import { tunnelBfd, type TunnelBfd } from '../../ovn/gateway-ha.js';
import type { BfdCheck } from './bfd-check.js';
import { sinceFault } from './gateway.probe.js';

/** A tunnel's BFD in one line: `ovn-hv1-0 (hv3 → hv1): state down, remote down, forwarding false, diagnostic "Control Detection Time Expired"`. */
function bfdLine(tunnel: TunnelBfd, from: string, to: string): string {
  const s = tunnel.status;
  if (tunnel.bfd.enable !== 'true') return `${tunnel.name} (${from} → ${to}): BFD off`;
  return `${tunnel.name} (${from} → ${to}): state ${s.state ?? '?'}, remote ${s.remote_state ?? '?'}, forwarding ${s.forwarding ?? '?'}, diagnostic "${s.diagnostic ?? ''}", flaps ${s.flap_count ?? '0'}`;
}

export const bfdProbe: CheckProbe<BfdCheck> = {
  kind: 'bfd',
  async attempt(spec, ctx) {
    const peerIp = ctx.lab.chassis.find((c) => c.name === spec.peer)?.ip ?? '';
    const tunnel = (await tunnelBfd(ctx.node(spec.chassis))).find((t) => t.remoteIp === peerIp);
    if (!tunnel) return { ok: false, seen: `no tunnel from ${spec.chassis} to ${spec.peer} (${peerIp})` };
    const on = tunnel.bfd.enable === 'true';
    const up = tunnel.status.state === 'up' && tunnel.status.forwarding === 'true';
    return { ok: on && (spec.state === 'up' ? up : tunnel.status.state !== 'up'), seen: `${bfdLine(tunnel, spec.chassis, spec.peer)}${sinceFault(ctx.lastFault, performance.now())}` };
  },
};
