import type { CheckProbe } from '../../checks/check.js';
import { captureText } from '../../vm/capture.js';
import { describe, parseMirrored, type MirroredPacket } from './packets.js';
import { innerAddresses, MIRROR_PINGS, mirrorOf, type MirrorCheck } from './mirror-check.js';

/** Seconds the collector listens at the most (the ping takes about half of one). */
const LISTEN = 3;
/** Packets tcpdump keeps at the most: the ping's copies and what else the sink receives in GRE. */
const CAPTURED = 50;

/** The packets that arrived, counted by what they are: `2× GRE key 7: ICMP echo request 10.80.0.11 > 10.80.0.12`. */
function summary(packets: MirroredPacket[]): string {
  const counts = new Map<string, number>();
  for (const p of packets) counts.set(`${describe(p)} from ${p.src}`, (counts.get(`${describe(p)} from ${p.src}`) ?? 0) + 1);
  return [...counts].map(([what, n]) => `${n}× ${what}`).join(', ');
}

export const mirrorProbe: CheckProbe<MirrorCheck> = {
  kind: 'mirror',
  async attempt(spec, ctx) {
    const mirror = mirrorOf(spec, ctx.lab)!;
    const inner = innerAddresses(spec, ctx.lab);
    const ping = () => ctx.node(spec.while.from).run(['ping', '-n', '-c', String(MIRROR_PINGS), '-i', '0.2', '-W', '1', inner[spec.packets === 'request' ? 'dst' : 'src']], { nothrow: true });
    const filter = `ip proto 47 and dst host ${mirror.sinkIp}`;
    const text = await captureText(ctx.node(mirror.sink), { iface: 'eth0', filter, count: CAPTURED, seconds: LISTEN, hex: true }, ping);
    const packets = parseMirrored(text);
    const fitting = packets.filter((p) => p.encap === mirror.type && p.key === mirror.index && p.inner.kind === 'icmp' && p.inner.type === spec.packets && p.inner.src === inner.src && p.inner.dst === inner.dst);
    const seen = packets.length ? `${mirror.sink}:eth0 received ${summary(packets)}` : `no GRE packet reached ${mirror.sink}:eth0 (${mirror.sinkIp})`;
    return { ok: spec.expect === 'present' ? fitting.length >= spec.count : fitting.length === 0, seen };
  },
};
