import { clip } from '../../base/text.js';
import type { LogCheck } from '../../topology/checks/log.js';
import type { CheckProbe } from '../check.js';

export const logProbe: CheckProbe<LogCheck> = {
  kind: 'log',
  async attempt(spec, ctx) {
    const node = ctx.node(spec.node);
    const out = await node.run(['cat', `${node.runDir}/${spec.file}`], { nothrow: true });
    if (!out.ok) return { ok: spec.expect === 'absent', seen: `${spec.node} has no ${spec.file}` };
    const re = new RegExp(spec.match);
    const lines = out.stdout.split('\n').filter((l) => re.test(l));
    const seen = lines.length ? `${lines.length} matching line${lines.length === 1 ? '' : 's'} (first: ${clip(lines[0]!.trim(), 150)})` : `no matching line in ${spec.file}`;
    return { ok: lines.length > 0 === (spec.expect === 'present'), seen };
  },
};
