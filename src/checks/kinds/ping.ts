import { z } from 'zod';
import type { CheckKind } from '../check.js';
import { checkFields, fromToProblems, targetAddress } from '../fields.js';

const schema = z.strictObject({
  ...checkFields('ping'),
  from: z.string().describe('node that pings (a VM, chassis or central)'),
  to: z.string().describe('a VM name or an IPv4 address'),
  count: z.number().int().min(1).max(100).default(3).describe('echo requests per attempt'),
  expect: z.enum(['reachable', 'unreachable']).default('reachable'),
});
type PingCheck = z.infer<typeof schema>;

/** Parses ping's summary line into transmitted and received counts. */
export function pingCounts(output: string): { sent: number; received: number } | undefined {
  const m = /(\d+) packets transmitted, (\d+) (?:packets )?received/.exec(output);
  return m ? { sent: Number(m[1]), received: Number(m[2]) } : undefined;
}

export const pingCheck: CheckKind<PingCheck> = {
  kind: 'ping',
  summary: 'a node reaches (or does not reach) a VM or address',
  schema,
  validate: (spec, lab) => fromToProblems(lab, spec),
  negative: (spec) => spec.expect === 'unreachable',
  expected(spec, lab) {
    const addr = targetAddress(lab, spec.to);
    return spec.expect === 'reachable'
      ? `${spec.from} gets ${spec.count}/${spec.count} replies from ${addr}`
      : `${spec.from} gets no reply from ${addr}`;
  },
  async attempt(spec, ctx) {
    const addr = targetAddress(ctx.lab, spec.to)!;
    const count = spec.expect === 'reachable' ? spec.count : 1;
    const out = await ctx.node(spec.from).run(['ping', '-n', '-c', String(count), '-i', '0.2', '-W', '1', addr], { nothrow: true });
    const counts = pingCounts(out.stdout);
    // No summary means ping could not send at all (no route to the subnet): no reply either.
    if (!counts) return { ok: spec.expect === 'unreachable', seen: `ping ${addr}: no reply (${(out.stderr || out.stdout).trim().split('\n')[0]})` };
    const seen = `ping ${addr}: ${counts.received}/${counts.sent} replies`;
    return { ok: spec.expect === 'reachable' ? counts.received === counts.sent : counts.received === 0, seen };
  },
};
