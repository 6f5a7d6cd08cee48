import type { LabContext } from '../../ovn/lab-context.js';
import { tunnelTxPackets } from '../../ovn/queries.js';
import type { CheckProbe } from '../check.js';
import { targetAddress } from '../../topology/checks/fields.js';
import { pingCounts } from './ping.js';
import type { LocalCheck } from '../../topology/checks/local.js';

/** Packets each chassis has sent into its Geneve tunnels so far. */
async function tunnelTx(ctx: LabContext): Promise<Map<string, number>> {
  const counts = await Promise.all(ctx.lab.chassis.map(async (c) => [c.name, await tunnelTxPackets(ctx.node(c.name))] as const));
  return new Map(counts);
}

export const localProbe: CheckProbe<LocalCheck> = {
  kind: 'local',
  async attempt(spec, ctx) {
    const addr = targetAddress(ctx.lab, spec.to, spec.family)!;
    const node = ctx.node(spec.from);
    // One ping first, so ARP is resolved before the counters are read.
    await node.run(['ping', '-n', '-c', '1', '-W', '1', addr], { nothrow: true });
    const before = await tunnelTx(ctx);
    const out = await node.run(['ping', '-n', '-c', String(spec.count), '-i', '0.2', '-W', '1', addr], { nothrow: true });
    const after = await tunnelTx(ctx);
    const counts = pingCounts(out.stdout) ?? { sent: spec.count, received: 0 };
    const sent = ctx.lab.chassis.map((c) => [c.name, (after.get(c.name) ?? 0) - (before.get(c.name) ?? 0)] as const);
    const seen = `ping ${addr}: ${counts.received}/${counts.sent} replies; tunnel packets sent meanwhile: ${sent.map(([c, n]) => `${c} ${n}`).join(', ')}`;
    return { ok: counts.received === counts.sent && sent.every(([, n]) => n === 0), seen };
  },
};
