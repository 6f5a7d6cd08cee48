import type { LabContext } from '../../core/lab-context.js';
import { settleCounters } from '../../ovn/node-shell.js';
import type { CheckProbe } from '../check.js';
import { targetAddress } from '../../topology/checks/fields.js';
import { pingCounts } from './ping.js';

import type { LocalCheck } from '../../topology/checks/local.js';

/** Packets each chassis has sent into its Geneve tunnels so far (live OpenFlow port counters). */
async function tunnelTx(ctx: LabContext): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  await Promise.all(
    ctx.lab.chassis.map(async (c) => {
      const node = ctx.node(c.name);
      await settleCounters(node);
      const names = (await node.run(['ovs-vsctl', '--timeout=10', '--bare', '--columns=name', 'find', 'Interface', 'type=geneve'])).stdout.split('\n').filter(Boolean);
      let total = 0;
      for (const name of names) {
        const stats = await node.run(['ovs-ofctl', 'dump-ports', 'br-int', name]);
        total += Number(/tx pkts=(\d+)/.exec(stats.stdout)?.[1] ?? 0);
      }
      out.set(c.name, total);
    }),
  );
  return out;
}

export const localProbe: CheckProbe<LocalCheck> = {
  kind: 'local',
  async attempt(spec, ctx) {
    const addr = targetAddress(ctx.lab, spec.to)!;
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
