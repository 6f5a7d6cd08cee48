import * as z from 'zod';
import { checkFields, nodeProblems, targetAddress, chassisProblems } from '../../topology/checks/fields.js';
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
  while: z
    .strictObject({
      from: z.string().describe('the VM or host that pings'),
      ping: z.string().describe('the VM, host or address it pings'),
      packets: z.number().int().min(1).max(200).default(20).describe('echo requests, 50 ms apart'),
    })
    .optional()
    .describe("a burst of pings sent by the check: only the lines logged during it count (to see a meter's limit on logging)"),
  lines: z
    .strictObject({ min: z.number().int().min(0).optional().describe('at least this many lines'), max: z.number().int().min(0).optional().describe('at most this many lines') })
    .optional()
    .describe('how many matching lines (with while, logged during the burst): at least min, at most max'),
  expect: z.enum(['present', 'absent']).default('present'),
});
export type AclLogCheck = z.infer<typeof schema>;

export const aclLogSpec: CheckSpecKind<AclLogCheck> = {
  kind: 'acl_log',
  summary: "an ACL with logging wrote (or did not write) a line in a chassis' ovn-controller log, or so many lines during a burst of pings (a meter's limit)",
  schema,
  validate(spec, lab) {
    const names = aclLogNames(lab);
    return [...chassisProblems(lab, spec.chassis), ...(names.includes(spec.acl) ? [] : [{ field: 'acl', message: unloggedName(spec.acl, names) }]), ...burstProblems(spec, lab)];
  },
  negative: (spec) => spec.expect === 'absent',
  expected: (spec) =>
    `${spec.lines ? linesWanted(spec.lines) : spec.expect === 'present' ? 'a' : 'no'} line${spec.lines ? 's' : ''} name="${spec.acl}"${spec.verdict ? `, verdict=${spec.verdict}` : ''}${spec.packet ? ` for a packet with '${spec.packet}'` : ''} in ${spec.chassis}'s ovn-controller log${
      spec.while ? ` while ${spec.while.from} sends ${spec.while.packets} pings to ${spec.while.ping}` : ''
    }`,
};

/** `at least 18`, `at most 5`, `18 to 20`. */
function linesWanted(l: { min?: number; max?: number }): string {
  if (l.min !== undefined && l.max !== undefined) return `${l.min} to ${l.max}`;
  return l.min !== undefined ? `at least ${l.min}` : `at most ${l.max ?? 0}`;
}

/** The pinging node and its target exist; lines go with present, and can be met. */
function burstProblems(spec: AclLogCheck, lab: Lab): { field: string; message: string }[] {
  const out = spec.while ? nodeProblems(lab, { 'while.from': spec.while.from }) : [];
  if (spec.while && !targetAddress(lab, spec.while.ping)) out.push({ field: 'while.ping', message: `'${spec.while.ping}' is neither a VM, host or namespace with an address in this lab nor an IPv4 address` });
  if (spec.lines && spec.expect === 'absent') out.push({ field: 'lines', message: 'lines counts what is present: leave expect: absent out (or use lines: { max: 0 })' });
  if (spec.lines && spec.lines.min === undefined && spec.lines.max === undefined) out.push({ field: 'lines', message: 'give lines: a min, a max or both' });
  if (spec.lines?.min !== undefined && spec.lines.max !== undefined && spec.lines.min > spec.lines.max) out.push({ field: 'lines.min', message: `min ${spec.lines.min} is above max ${spec.lines.max}` });
  if (spec.while && spec.lines?.min !== undefined && spec.lines.min > spec.while.packets) out.push({ field: 'lines.min', message: `min ${spec.lines.min} is more lines than the ${spec.while.packets} pings can log` });
  return out;
}

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
