import { z } from 'zod';
import { checkFields, unknownName } from '../../topology/checks/fields.js';
import type { CheckSpecKind } from '../../topology/checks/spec.js';

const schema = z.strictObject({
  ...checkFields('acl_log'),
  chassis: z.string().describe("the chassis whose ovn-controller log is read (an ACL logs where it is evaluated: a to-lport ACL on the destination's chassis)"),
  acl: z.string().describe("the ACL's log name (its log: { name })"),
  verdict: z.enum(['allow', 'drop', 'reject']).optional(),
  packet: z.string().optional().describe("text the logged packet contains, e.g. 'nw_dst=10.60.0.12,' or 'tp_dst=8080'"),
  expect: z.enum(['present', 'absent']).default('present'),
});
export type AclLogCheck = z.infer<typeof schema>;

export const aclLogSpec: CheckSpecKind<AclLogCheck> = {
  kind: 'acl_log',
  summary: "an ACL with logging wrote (or did not write) a line in a chassis' ovn-controller log",
  schema,
  validate(spec, lab) {
    const problem = unknownName(
      'chassis',
      spec.chassis,
      lab.chassis.map((c) => c.name),
    );
    const named = lab.acls.some((a) => a.log?.name === spec.acl);
    return [...(problem ? [{ field: 'chassis', message: problem }] : []), ...(named ? [] : [{ field: 'acl', message: `no ACL of this lab logs with name '${spec.acl}' (give one log: { name: ${spec.acl} })` }])];
  },
  negative: (spec) => spec.expect === 'absent',
  expected: (spec) => `${spec.expect === 'present' ? 'a' : 'no'} line name="${spec.acl}"${spec.verdict ? `, verdict=${spec.verdict}` : ''}${spec.packet ? ` for a packet with '${spec.packet}'` : ''} in ${spec.chassis}'s ovn-controller log`,
};
