import { z } from 'zod';
import { parseLogicalFlows, parseOpenFlows } from '../../ovn/lflow.js';
import type { CheckKind } from '../check.js';
import { clip } from '../../report/format.js';
import { checkFields, unknownName } from '../fields.js';

const texts = z.union([z.string(), z.array(z.string()).min(1)]);

const schema = z.strictObject({
  ...checkFields('flow'),
  stage: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a logical pipeline stage like ls_in_dhcp_options').describe('logical pipeline stage, e.g. ls_in_dhcp_options'),
  datapath: z.string().optional().describe('logical switch or router (default: any)'),
  match: texts.optional().describe("text the logical flow's match contains"),
  actions: texts.optional().describe("text the logical flow's actions contain"),
  chassis: z.string().optional().describe('also look for OpenFlow flows made from those logical flows on this chassis (br-int)'),
  openflow: texts.optional().describe("text the OpenFlow flow's actions contain, e.g. [controller(, pause]"),
  expect: z.enum(['present', 'absent']).default('present'),
});
type FlowCheck = z.infer<typeof schema>;

const list = (t: string | string[] | undefined) => (t === undefined ? [] : Array.isArray(t) ? t : [t]);
const containsAll = (haystack: string, needles: string[]) => needles.every((n) => haystack.includes(n));

export const flowCheck: CheckKind<FlowCheck> = {
  kind: 'flow',
  summary: 'a logical flow in a pipeline stage, and optionally its OpenFlow flows on a chassis, is present or absent',
  schema,
  validate(spec, lab) {
    const problems = [];
    if (spec.chassis) {
      const p = unknownName('chassis', spec.chassis, lab.chassis.map((c) => c.name));
      if (p) problems.push({ field: 'chassis', message: p });
    }
    if (spec.openflow && !spec.chassis) problems.push({ field: 'openflow', message: 'openflow needs chassis: the chassis whose br-int to look at' });
    return problems;
  },
  negative: (spec) => spec.expect === 'absent',
  expected(spec) {
    const what = [
      `logical flow in ${spec.stage}${spec.datapath ? ` of ${spec.datapath}` : ''}`,
      ...list(spec.match).map((m) => `match contains '${m}'`),
      ...list(spec.actions).map((a) => `actions contain '${a}'`),
    ].join(', ');
    const of = spec.chassis ? `; on ${spec.chassis} an OpenFlow flow from it${list(spec.openflow).map((o) => ` with '${o}'`).join('')}` : '';
    return `${spec.expect}: ${what}${of}`;
  },
  async attempt(spec, ctx) {
    const want = spec.expect === 'present';
    const lflows = parseLogicalFlows((await ctx.central().run(['ovn-sbctl', '--timeout=10', '--uuid', 'lflow-list'])).stdout);
    const inStage = lflows.filter((f) => f.stage === spec.stage && (!spec.datapath || f.datapath === spec.datapath));
    const matching = inStage.filter((f) => containsAll(f.match, list(spec.match)) && containsAll(f.actions, list(spec.actions)));
    let seen = `${matching.length} of ${inStage.length} logical flows in ${spec.stage} match`;
    if (inStage.length === 0) seen = `no logical flow in stage ${spec.stage}; stages are: ${clip([...new Set(lflows.map((f) => f.stage))].join(', '), 300)}`;
    if (matching[0]) seen += ` (first, table ${matching[0].table}: ${clip(matching[0].actions, 100)})`;
    if (!spec.chassis) return { ok: (matching.length > 0) === want, seen };

    const cookies = new Set(matching.map((f) => f.cookie));
    const dump = await ctx.node(spec.chassis).run(['ovs-ofctl', 'dump-flows', 'br-int']);
    const ofs = parseOpenFlows(dump.stdout).filter((f) => cookies.has(f.cookie) && containsAll(f.actions, list(spec.openflow)));
    seen += `; ${spec.chassis}: ${ofs.length} OpenFlow flow${ofs.length === 1 ? '' : 's'}`;
    if (ofs[0]) seen += ` (first, table ${ofs[0].table}: ${clip(ofs[0].actions, 100)})`;
    return { ok: (ofs.length > 0) === want, seen };
  },
};
