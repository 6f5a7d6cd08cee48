import * as z from 'zod';
import { checkFields, chassisProblems } from './fields.js';
import type { CheckSpecKind } from './spec.js';
import { textList } from './flow.js';

const texts = z.union([z.string(), z.array(z.string()).min(1)]);
const backend = z.string().regex(/^(\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?|\[[0-9a-f:]+\](:\d{1,5})?)$/, 'a backend as OVS prints it: 10.70.0.11:8080, or [fd00::11]:8080 for IPv6');

const schema = z.strictObject({
  ...checkFields('group'),
  chassis: z.string().describe('the chassis whose br-int groups are read (ovs-ofctl dump-groups br-int)'),
  type: z.enum(['select', 'all', 'indirect', 'ff']).optional().describe("the group's type: a load balancer's is select (one bucket per connection)"),
  backends: z.array(backend).min(1).optional().describe("exactly the addresses its buckets NAT to (nat(dst=…)), in any order: a load balancer VIP's backends that are up"),
  bucket_actions: texts.optional().describe("text every bucket's actions contain, e.g. ct_mark"),
  expect: z.enum(['present', 'absent', 'gone']).default('present').describe('present; absent (none for the whole timeout); gone (waited for: passes once none is left)'),
});
export type GroupCheck = z.infer<typeof schema>;

export const groupSpec: CheckSpecKind<GroupCheck> = {
  kind: 'group',
  summary: "an OpenFlow group of br-int on a chassis (a load balancer's select group), with the backends its buckets NAT to",
  schema,
  validate(spec, lab) {
    const dup = spec.backends?.find((b, i) => spec.backends?.indexOf(b) !== i);
    return [...chassisProblems(lab, spec.chassis), ...(dup ? [{ field: 'backends', message: `${dup} is listed twice: a group has one bucket per backend` }] : [])];
  },
  negative: (spec) => spec.expect === 'absent',
  expected(spec) {
    const what = [spec.type && `type ${spec.type}`, spec.backends && `buckets to ${spec.backends.join(', ')}`, ...textList(spec.bucket_actions).map((a) => `every bucket's actions with '${a}'`)].filter(Boolean).join(', ');
    const which = spec.expect === 'present' ? 'a group' : spec.expect === 'gone' ? 'no group left (waited for)' : 'no group';
    return `${which} on ${spec.chassis}'s br-int${what ? `: ${what}` : ''}`;
  },
};
