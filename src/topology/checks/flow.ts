import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, unknownName } from './fields.js';
import { trafficProblems, trafficText, trafficWhile } from './capture.js';

const texts = z.union([z.string(), z.array(z.string()).min(1)]);

const schema = z.strictObject({
  ...checkFields('flow'),
  stage: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'a logical pipeline stage like ls_in_dhcp_options')
    .describe('logical pipeline stage, e.g. ls_in_dhcp_options'),
  datapath: z.string().optional().describe('logical switch or router (default: any)'),
  match: texts.optional().describe("text the logical flow's match contains"),
  actions: texts.optional().describe("text the logical flow's actions contain"),
  chassis: z.string().optional().describe('also look for OpenFlow flows made from those logical flows on this chassis (br-int)'),
  openflow: texts.optional().describe("text the OpenFlow flow's actions contain, e.g. [controller(, pause]"),
  packets: z.enum(['grows', 'stays']).optional().describe('with chassis and while: the packet counter (n_packets) of those OpenFlow flows grows, or stays, while the traffic of while: runs'),
  while: trafficWhile.optional().describe('traffic to make between two reads of the counters (with packets)'),
  expect: z.enum(['present', 'absent']).default('present'),
});
export type FlowCheck = z.infer<typeof schema>;

/** A `texts` field as a list. */
export const textList = (t: string | string[] | undefined) => (t === undefined ? [] : Array.isArray(t) ? t : [t]);

export const flowSpec: CheckSpecKind<FlowCheck> = {
  kind: 'flow',
  summary: 'a logical flow in a pipeline stage, and optionally its OpenFlow flows on a chassis, is present or absent',
  schema,
  validate(spec, lab) {
    const problems = [];
    if (spec.chassis) {
      const p = unknownName(
        'chassis',
        spec.chassis,
        lab.chassis.map((c) => c.name),
      );
      if (p) problems.push({ field: 'chassis', message: p });
    }
    if (spec.openflow && !spec.chassis) problems.push({ field: 'openflow', message: 'openflow needs chassis: the chassis whose br-int to look at' });
    if (spec.packets && !spec.chassis) problems.push({ field: 'packets', message: 'packets needs chassis: the chassis whose OpenFlow counters to read' });
    if (spec.packets && !spec.while) problems.push({ field: 'packets', message: 'packets needs while: the traffic to make between the two reads of the counters' });
    if (spec.while && !spec.packets) problems.push({ field: 'while', message: 'while is the traffic of packets: grows or stays; add packets' });
    if (spec.packets && spec.expect === 'absent') problems.push({ field: 'packets', message: 'packets counts the flows that are present: leave out expect: absent' });
    if (spec.while) problems.push(...trafficProblems(lab, spec.while));
    return problems;
  },
  negative: (spec) => spec.expect === 'absent',
  expected(spec) {
    const what = [`logical flow in ${spec.stage}${spec.datapath ? ` of ${spec.datapath}` : ''}`, ...textList(spec.match).map((m) => `match contains '${m}'`), ...textList(spec.actions).map((a) => `actions contain '${a}'`)].join(', ');
    const of = spec.chassis
      ? `; on ${spec.chassis} an OpenFlow flow from it${textList(spec.openflow)
          .map((o) => ` with '${o}'`)
          .join('')}`
      : '';
    const counter = spec.packets && spec.while ? `, whose packet counter ${spec.packets} while ${trafficText(spec.while)}` : '';
    return `${spec.expect}: ${what}${of}${counter}`;
  },
};
