import { count as plural } from '../../base/text.js';
import type { CheckProbe } from '../check.js';
import { describeDown, ovnDaemonStates } from '../../ovn/daemons.js';
import { ovnNodes, type DaemonsCheck } from '../../topology/checks/daemons.js';

/**
 * The lab's own daemons are alive: a dead or zombie ovn-controller leaves its last flows in
 * place, so every other check could still pass on a lab that no longer follows the NB database.
 */
export const daemonsProbe: CheckProbe<DaemonsCheck> = {
  kind: 'daemons',
  async attempt(spec, ctx) {
    const nodes = ovnNodes(ctx.lab, spec);
    const states = await Promise.all(nodes.map(async (n) => ({ node: n, states: await ovnDaemonStates(ctx.node(n)) })));
    const problems = states.flatMap((s) => (s.states ? describeDown(s.node, s.states) : [`${s.node}: could not be asked (node missing?)`]));
    const count = states.reduce((n, s) => n + (s.states?.length ?? 0), 0);
    return { ok: problems.length === 0, seen: problems.length ? problems.join('; ') : `${plural(count, 'daemon')} running on ${plural(nodes.length, 'node')}` };
  },
};
