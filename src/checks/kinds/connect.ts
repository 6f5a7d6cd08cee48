import type { ConnectCheck } from '../../topology/checks/connect.js';
import { targetAddress } from '../../topology/checks/fields.js';
import { CONNECT, python } from '../../vm/programs.js';
import type { CheckProbe } from '../check.js';

/** Seconds one connection attempt waits for an answer. */
const ATTEMPT_TIMEOUT = 1;

/**
 * Seconds an attempt that expects `unreachable` waits: Linux says a host is unreachable only once
 * ARP (or neighbour discovery) has failed, after 3 solicitations 1 s apart (mcast_solicit,
 * retrans_time_ms), and a new attempt starts that over. One that gives up sooner sees a timeout,
 * and saw `unreachable` only when it happened to be waiting as an earlier resolution failed.
 */
const UNREACHABLE_TIMEOUT = 4;

export const connectProbe: CheckProbe<ConnectCheck> = {
  kind: 'connect',
  async attempt(spec, ctx) {
    const addr = targetAddress(ctx.lab, spec.to, spec.family)!;
    const wait = spec.expect === 'unreachable' ? UNREACHABLE_TIMEOUT : ATTEMPT_TIMEOUT;
    const out = await ctx.node(spec.from).run(python(CONNECT, spec.proto, addr, spec.port, wait), { nothrow: true, timeoutMs: 10_000 });
    const result = out.stdout.trim() || `error ${out.stderr.trim().split('\n').at(-1) ?? ''}`;
    const [outcome, ...rest] = result.split(' ');
    const seen = `${spec.proto} ${addr}:${spec.port} from ${spec.from}: ${result}`;
    if (spec.expect === 'timeout') return { ok: outcome === 'timeout', seen };
    const ok = outcome === spec.expect && (spec.answer === undefined || rest.join(' ') === spec.answer);
    return { ok, seen };
  },
};
