import * as z from 'zod';
import { unknownName } from '../../topology/checks/fields.js';
import { defineStepAction, type CheckProblem } from '../../topology/checks/spec.js';
import type { Lab } from '../../topology/model.js';
import type { Membership } from './model.js';
import { groupProblem } from './rules.js';
import { groupAddress } from './schema.js';

function membershipSchema(verb: 'join' | 'leave') {
  return z
    .strictObject({
      vm: z.string().describe(verb === 'join' ? 'the VM that joins' : 'the VM that leaves'),
      group: groupAddress,
    })
    .describe(
      verb === 'join'
        ? 'a VM joins an IPv4 multicast group: a process in it holds a socket with IP_ADD_MEMBERSHIP, so its kernel sends IGMP reports (lab down ends it)'
        : 'a VM leaves a group it joined: the process holding its socket ends, and its kernel sends an IGMP leave',
    );
}

const joinSchema = membershipSchema('join');

/** The VMs a group can be joined on: every VM but a localport's instances (they share its port). */
export function memberVms(lab: Lab): string[] {
  return lab.vms.filter((v) => v.localport === undefined && v.service === undefined).map((v) => v.name);
}

function problems(m: Membership, lab: Lab): CheckProblem[] {
  const vm = unknownName('VM', m.vm, memberVms(lab));
  const group = groupProblem(m.group);
  return [...(vm ? [{ field: 'vm', message: vm }] : []), ...(group ? [{ field: 'group', message: group }] : [])];
}

/** `- kind: step` with `join: { vm, group }`: a VM becomes a member of a group. */
export const joinAction = defineStepAction<Membership>({
  key: 'join',
  schema: joinSchema,
  problems,
  expected: (m) => `${m.vm} a member of ${m.group}`,
  wasKind: true,
  action: () => import('./members.probe.js').then((m) => m.joinRun),
});

/** `- kind: step` with `leave: { vm, group }`: a VM's membership ends. */
export const leaveAction = defineStepAction<Membership>({
  key: 'leave',
  schema: membershipSchema('leave'),
  problems,
  expected: (m) => `${m.vm} no longer a member of ${m.group}`,
  wasKind: true,
  action: () => import('./members.probe.js').then((m) => m.leaveRun),
});
