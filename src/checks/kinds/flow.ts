import { logicalFlowFinder } from '../../ovn/lflow.js';
import { brIntFlows, datapathKeys, logicalFlows } from '../../ovn/queries.js';
import type { CheckProbe } from '../check.js';
import { clip } from '../../base/text.js';
import { textList, type FlowCheck } from '../../topology/checks/flow.js';
import { trafficText } from '../../topology/checks/capture.js';
import { traffic } from './traffic.js';

const sum = (flows: { packets: number }[]) => flows.reduce((n, f) => n + f.packets, 0);

const containsAll = (haystack: string, needles: string[]) => needles.every((n) => haystack.includes(n));

export const flowProbe: CheckProbe<FlowCheck> = {
  kind: 'flow',
  async attempt(spec, ctx) {
    const want = spec.expect === 'present';
    const lflows = await logicalFlows(ctx.central());
    const inStage = lflows.filter((f) => f.stage === spec.stage && (!spec.datapath || f.datapath === spec.datapath));
    const matching = inStage.filter((f) => containsAll(f.match, textList(spec.match)) && containsAll(f.actions, textList(spec.actions)));
    let seen = `${matching.length} of ${inStage.length} logical flows in ${spec.stage} match`;
    if (inStage.length === 0) seen = `no logical flow in stage ${spec.stage}; stages are: ${clip([...new Set(lflows.map((f) => f.stage))].join(', '), 300)}`;
    if (matching[0]) seen += ` (first, table ${matching[0].table}: ${clip(matching[0].actions, 100)})`;
    if (!spec.chassis) return { ok: matching.length > 0 === want, seen };

    const cookies = new Set(matching.map((f) => f.cookie));
    // A logical flow shared by several datapaths (a datapath group) has one cookie for them all:
    // with a datapath, only the OpenFlow flows of that datapath (by their metadata) count.
    const shared = !!spec.datapath && lflows.some((f) => cookies.has(f.cookie) && f.datapath !== spec.datapath);
    const owner = shared ? logicalFlowFinder(lflows, await datapathKeys(ctx.central())) : undefined;
    const ofDatapath = (f: Parameters<NonNullable<typeof owner>>[0]) =>
      !owner ||
      !!owner(f)
        ?.datapath.split(', ')
        .includes(spec.datapath ?? '');
    const read = async () => (await brIntFlows(ctx.node(spec.chassis ?? ''), !!spec.packets)).filter((f) => cookies.has(f.cookie) && containsAll(f.actions, textList(spec.openflow)) && ofDatapath(f));
    const ofs = await read();
    seen += `; ${spec.chassis}: ${ofs.length} OpenFlow flow${ofs.length === 1 ? '' : 's'}`;
    if (ofs[0]) seen += ` (first, table ${ofs[0].table}: ${clip(ofs[0].actions, 100)})`;
    if (spec.packets && spec.while && ofs.length > 0) {
      const before = sum(ofs);
      await traffic(spec.while, ctx);
      const after = sum(await read());
      seen += `; their packets went from ${before} to ${after} while ${trafficText(spec.while)}`;
      return { ok: spec.packets === 'grows' ? after > before : after === before, seen };
    }
    return { ok: ofs.length > 0 === want, seen };
  },
};
