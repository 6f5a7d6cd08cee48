import * as z from 'zod';
import { checkFields, chassisProblems } from './fields.js';
import type { CheckSpecKind } from './spec.js';
import { textList } from './flow.js';
import { trafficProblems, trafficText, trafficWhile } from './capture.js';

const texts = z.union([z.string(), z.array(z.string()).min(1)]);

const schema = z.strictObject({
  ...checkFields('datapath_flow'),
  chassis: z.string().describe('the chassis whose datapath flows are read (ovs-appctl dpctl/dump-flows)'),
  match: texts.optional().describe("text the datapath flow's match contains, as OVS prints it: ipv4(dst=10.72.0.100,proto=6,frag=no)"),
  actions: texts.optional().describe("text its actions contain, e.g. 'ct(zone=' or 'tnl_push('"),
  ct: z.boolean().optional().describe('true: its actions send the packet to conntrack (ct(…)); false: they do not'),
  while: trafficWhile.optional().describe('traffic to make before each look: a datapath flow is made by packets and lives 10 s after the last one'),
  expect: z.enum(['present', 'absent', 'gone']).default('present').describe('present; absent (none for the whole timeout); gone (waited for: passes once none is left)'),
});
export type DatapathFlowCheck = z.infer<typeof schema>;

export const datapathFlowSpec: CheckSpecKind<DatapathFlowCheck> = {
  kind: 'datapath_flow',
  summary: "a flow of a chassis' datapath (dpctl/dump-flows), made by the traffic of while:, with the given match and actions, with or without ct()",
  schema,
  validate(spec, lab) {
    const problems = [...chassisProblems(lab, spec.chassis), ...(spec.while ? trafficProblems(lab, spec.while) : [])];
    if (!spec.match && !spec.actions && spec.ct === undefined) problems.push({ field: 'kind', message: 'say what to look for: match, actions or ct' });
    return problems;
  },
  negative: (spec) => spec.expect === 'absent',
  expected(spec) {
    const what = [...textList(spec.match).map((m) => `match contains '${m}'`), ...textList(spec.actions).map((a) => `actions contain '${a}'`), spec.ct !== undefined && (spec.ct ? 'actions with ct(' : 'actions without ct(')]
      .filter(Boolean)
      .join(', ');
    const which = spec.expect === 'present' ? 'a datapath flow' : spec.expect === 'gone' ? 'no datapath flow left (waited for)' : 'no datapath flow';
    return `${which} on ${spec.chassis}: ${what}${spec.while ? ` while ${trafficText(spec.while)}` : ''}`;
  },
};
