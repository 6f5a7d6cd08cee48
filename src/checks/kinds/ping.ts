import type { CheckProbe } from '../check.js';
import { targetAddress } from '../../topology/checks/fields.js';
import type { PingCheck } from '../../topology/checks/ping.js';

/** Parses ping's summary line into transmitted and received counts. */
export function pingCounts(output: string): { sent: number; received: number } | undefined {
  const m = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(output);
  return m ? { sent: Number(m[1]), received: Number(m[2]) } : undefined;
}

export const pingProbe: CheckProbe<PingCheck> = {
  kind: 'ping',
  async attempt(spec, ctx) {
    const addr = targetAddress(ctx.lab, spec.to, spec.family)!;
    const count = spec.expect === 'reachable' ? spec.count : 1;
    const size = spec.size !== undefined ? ['-M', 'do', '-s', String(spec.size)] : [];
    const out = await ctx.node(spec.from).run(['ping', '-n', '-c', String(count), '-i', '0.2', '-W', '1', ...size, addr], { nothrow: true });
    const counts = pingCounts(out.stdout);
    // No summary means ping could not send at all (no route to the subnet): no reply either.
    if (!counts) return { ok: spec.expect === 'unreachable', seen: `ping ${addr}: no reply (${(out.stderr || out.stdout).trim().split('\n')[0]})` };
    const ttls = [...new Set([...out.stdout.matchAll(/ (?:ttl|hlim)=(\d+)/g)].map((m) => Number(m[1])))];
    const why = counts.received < counts.sent && out.stderr.trim() ? ` (${out.stderr.trim().split('\n')[0]})` : '';
    const seen = `ping ${addr}: ${counts.received}/${counts.sent} replies${spec.ttl !== undefined && ttls.length ? ` with ttl ${ttls.join(', ')}` : ''}${why}`;
    const ttlOk = spec.ttl === undefined || ttls.every((t) => t === spec.ttl);
    return { ok: spec.expect === 'reachable' ? counts.received === counts.sent && ttlOk : counts.received === 0, seen };
  },
};
