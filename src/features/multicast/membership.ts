import { z } from 'zod';
import { checkFields, unknownName } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import type { Lab } from '../../topology/model.js';
import { groupProblem } from './rules.js';
import { groupAddress } from './schema.js';

function membershipSchema<K extends 'join' | 'leave'>(kind: K) {
  return z.strictObject({
    ...checkFields(kind),
    vm: z.string().describe(kind === 'join' ? 'the VM that joins' : 'the VM that leaves'),
    group: groupAddress,
  });
}

const joinSchema = membershipSchema('join');
const leaveSchema = membershipSchema('leave');
export type JoinCheck = z.infer<typeof joinSchema>;
export type LeaveCheck = z.infer<typeof leaveSchema>;

/** The VMs a group can be joined on: every VM but a localport's instances (they share its port). */
export function memberVms(lab: Lab): string[] {
  return lab.vms.filter((v) => v.localport === undefined && v.service === undefined).map((v) => v.name);
}

function problems(spec: JoinCheck | LeaveCheck): (lab: Lab) => CheckProblem[] {
  return (lab) => {
    const vm = unknownName('VM', spec.vm, memberVms(lab));
    const group = groupProblem(spec.group);
    return [...(vm ? [{ field: 'vm', message: vm }] : []), ...(group ? [{ field: 'group', message: group }] : [])];
  };
}

export const joinSpec: CheckSpecKind<JoinCheck> = {
  kind: 'join',
  summary: 'a step: a VM joins an IPv4 multicast group (a process in it holds a socket with IP_ADD_MEMBERSHIP, so its kernel sends IGMP reports; lab down ends it)',
  schema: joinSchema,
  once: true,
  validate: (spec, lab) => problems(spec)(lab),
  negative: () => false,
  expected: (spec) => `${spec.vm} a member of ${spec.group}`,
};

export const leaveSpec: CheckSpecKind<LeaveCheck> = {
  kind: 'leave',
  summary: 'a step: a VM leaves a multicast group it joined (the process holding its socket ends, and its kernel sends an IGMP leave)',
  schema: leaveSchema,
  once: true,
  validate: (spec, lab) => problems(spec)(lab),
  negative: () => false,
  expected: (spec) => `${spec.vm} no longer a member of ${spec.group}`,
};
