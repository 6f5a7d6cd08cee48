import { clip } from '../../base/text.js';
import { datapathFlows, type DatapathFlow } from '../../ovn/datapath-tables.js';
import type { DatapathFlowCheck } from '../../topology/checks/datapath-flow.js';
import { textList } from '../../topology/checks/flow.js';
import type { CheckProbe } from '../check.js';
import { traffic } from './traffic.js';

/** A flow as a failure or pass prints it: its match (clipped), its packets, its actions. */
const show = (f: DatapathFlow) => `${clip(f.match, 200)}, packets:${f.packets}, actions:${clip(f.actions, 120)}`;

function fits(f: DatapathFlow, spec: DatapathFlowCheck): boolean {
  const ct = /(^|,)ct\(/.test(f.actions);
  return textList(spec.match).every((m) => f.match.includes(m)) && textList(spec.actions).every((a) => f.actions.includes(a)) && (spec.ct === undefined || spec.ct === ct);
}

export const datapathFlowProbe: CheckProbe<DatapathFlowCheck> = {
  kind: 'datapath_flow',
  async attempt(spec, ctx) {
    if (spec.while) await traffic(spec.while, ctx);
    const flows = await datapathFlows(ctx.node(spec.chassis));
    const found = flows.filter((f) => fits(f, spec));
    // The closest one: a flow with the match asked for, whatever its actions.
    const near = flows.find((f) => textList(spec.match).every((m) => f.match.includes(m)));
    const seen = found[0] ? `${found.length} of ${flows.length} datapath flows match (first: ${show(found[0])})` : `none of ${flows.length} datapath flows match${near && spec.match ? ` (one with that match: ${show(near)})` : ''}`;
    return { ok: found.length > 0 === (spec.expect === 'present'), seen };
  },
};
