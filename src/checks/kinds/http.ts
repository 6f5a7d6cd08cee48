import { count } from '../../base/text.js';
import type { HttpCheck } from '../../topology/checks/http.js';
import { HTTP_GETS, python } from '../../vm/programs.js';
import type { CheckProbe } from '../check.js';

export const httpProbe: CheckProbe<HttpCheck> = {
  kind: 'http',
  async attempt(spec, ctx) {
    const [addr, port] = spec.to.split(':');
    const out = await ctx.node(spec.from).run(python(HTTP_GETS, addr!, port!, spec.count, 2), { nothrow: true, timeoutMs: spec.count * 3000 + 5000 });
    const answers = out.stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const spread = new Map<string, number>();
    for (const a of answers) spread.set(a, (spread.get(a) ?? 0) + 1);
    const seen = `${count(answers.length, 'answer')}: ${[...spread].map(([who, n]) => `${who} ${n}`).join(', ') || 'none'}`;
    const fromBackends = answers.length === spec.count && answers.every((a) => spec.backends.includes(a));
    const everyOne = !spec.all || spec.backends.every((b) => spread.has(b));
    return { ok: fromBackends && everyOne, seen };
  },
};
