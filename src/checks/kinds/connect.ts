import type { ConnectCheck } from '../../topology/checks/connect.js';
import { targetAddress } from '../../topology/checks/fields.js';
import { CONNECT, python } from '../../vm/programs.js';
import type { CheckProbe } from '../check.js';

/** Seconds one connection attempt waits for an answer. */
const ATTEMPT_TIMEOUT = 1;

export const connectProbe: CheckProbe<ConnectCheck> = {
  kind: 'connect',
  async attempt(spec, ctx) {
    const addr = targetAddress(ctx.lab, spec.to, spec.family)!;
    const out = await ctx.node(spec.from).run(python(CONNECT, spec.proto, addr, spec.port, ATTEMPT_TIMEOUT), { nothrow: true, timeoutMs: 10_000 });
    const result = out.stdout.trim() || `error ${out.stderr.trim().split('\n').at(-1) ?? ''}`;
    const [outcome, ...rest] = result.split(' ');
    const seen = `${spec.proto} ${addr}:${spec.port} from ${spec.from}: ${result}`;
    if (spec.expect === 'timeout') return { ok: outcome === 'timeout', seen };
    const ok = outcome === spec.expect && (spec.answer === undefined || rest.join(' ') === spec.answer);
    return { ok, seen };
  },
};
