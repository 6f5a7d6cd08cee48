import { z } from 'zod';
import { checkFields, unknownName } from '../../topology/checks/fields.js';
import type { CheckSpecKind } from '../../topology/checks/spec.js';
import type { StepCheck } from '../../topology/checks/step.js';
import type { Lab } from '../../topology/model.js';
import { resolveAcl } from './resolve.js';

const schema = z.strictObject({
  ...checkFields('acl_log'),
  chassis: z.string().describe("the chassis whose ovn-controller log is read (an ACL logs where it is evaluated: a to-lport ACL on the destination's chassis)"),
  acl: z.string().describe("the ACL's log name (its log: { name }, in acls: or in a step's add_acl)"),
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
    const names = aclLogNames(lab);
    return [...(problem ? [{ field: 'chassis', message: problem }] : []), ...(names.includes(spec.acl) ? [] : [{ field: 'acl', message: unloggedName(spec.acl, names) }])];
  },
  negative: (spec) => spec.expect === 'absent',
  expected: (spec) => `${spec.expect === 'present' ? 'a' : 'no'} line name="${spec.acl}"${spec.verdict ? `, verdict=${spec.verdict}` : ''}${spec.packet ? ` for a packet with '${spec.packet}'` : ''} in ${spec.chassis}'s ovn-controller log`,
};

/** The log names of the lab's ACLs: those of acls: and those its steps add. */
function aclLogNames(lab: Lab): string[] {
  const added = lab.checks.flatMap((c) => (c.kind === 'step' && (c as StepCheck).add_acl ? [resolveAcl((c as StepCheck).add_acl!)] : []));
  return [...lab.acls, ...added].flatMap((a) => (a.log?.name ? [a.log.name] : []));
}

/** Why no ACL logs as `name`, with the names that do, and where to give it. */
function unloggedName(name: string, names: string[]): string {
  const known = names.length ? `ACLs log as: ${[...new Set(names)].join(', ')}` : 'no ACL logs with a name';
  return `no ACL of this lab logs with name '${name}' (${known}): give the ACL log: { name: ${name} }, in acls: or in the step that adds it`;
}
