import * as z from 'zod';
import { checkFields } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import { logicalSwitchOf, type Lab } from '../../topology/model.js';
import { memberVms } from './membership.js';
import { groupProblem } from './rules.js';
import { groupAddress } from './schema.js';

const schema = z.strictObject({
  ...checkFields('multicast'),
  from: z.string().describe('the VM that sends UDP datagrams to the group'),
  group: groupAddress.describe('the IPv4 multicast group sent to, like 239.1.1.1 (or a link-local one, 224.0.0.0/24, which OVN floods to every port)'),
  port: z.number().int().min(1).max(65535).default(5000).describe('the UDP port they are sent to'),
  count: z.number().int().min(1).max(20).default(3).describe('datagrams sent per attempt (a VM receives when one of them reaches it)'),
  receivers: z
    .array(z.string())
    .describe("exactly the VMs whose eth0 the datagrams reach, among every other VM of the sender's logical switch (each watched with a packet socket, whether it joined or not); [] means none, which must hold for the whole timeout"),
});
export type MulticastCheck = z.infer<typeof schema>;

/** The VMs a check watches: every other VM of the sender's logical switch. */
export function watchedVms(spec: { from: string }, lab: Lab): string[] {
  const from = lab.vms.find((v) => v.name === spec.from);
  if (!from) return [];
  const sw = logicalSwitchOf(lab, from.switch);
  return lab.vms.filter((v) => v.name !== from.name && memberVms(lab).includes(v.name) && logicalSwitchOf(lab, v.switch) === sw).map((v) => v.name);
}

/** A delivery as the probe prints it: who received and who did not. */
export function deliveryText(spec: { from: string; group: string; port: number }, received: string[], missed: string[]): string {
  const parts = [received.length ? `received by ${received.join(', ')}` : 'received by none', ...(missed.length ? [`not by ${missed.join(', ')}`] : [])];
  return `${spec.group}:${spec.port} from ${spec.from}: ${parts.join('; ')}`;
}

function problems(spec: MulticastCheck, lab: Lab): CheckProblem[] {
  const out: CheckProblem[] = [];
  if (!memberVms(lab).includes(spec.from)) out.push({ field: 'from', message: `unknown VM '${spec.from}' (VMs in this lab: ${memberVms(lab).join(', ')})` });
  const group = groupProblem(spec.group, 'allowed');
  if (group) out.push({ field: 'group', message: group });
  const watched = watchedVms(spec, lab);
  spec.receivers.forEach((r, i) => {
    if (r === spec.from) out.push({ field: `receivers.${i}`, message: `${r} is the sender: the check watches the other VMs of its switch` });
    else if (!memberVms(lab).includes(r)) out.push({ field: `receivers.${i}`, message: `unknown VM '${r}' (VMs in this lab: ${memberVms(lab).join(', ')})` });
    else if (memberVms(lab).includes(spec.from) && !watched.includes(r))
      out.push({ field: `receivers.${i}`, message: `${r} is not on ${spec.from}'s logical switch (its VMs: ${watched.join(', ') || 'none'}): multicast stays on its switch` });
    else if (spec.receivers.indexOf(r) !== i) out.push({ field: `receivers.${i}`, message: `${r} is listed twice` });
  });
  return out;
}

export const multicastSpec: CheckSpecKind<MulticastCheck> = {
  kind: 'multicast',
  summary: "a VM sends UDP to a multicast group and exactly the receivers' eth0 get it, no other VM of its switch",
  schema,
  validate: problems,
  negative: (spec) => spec.receivers.length === 0,
  expected: (spec, lab) => {
    const watched = watchedVms(spec, lab);
    return deliveryText(
      spec,
      watched.filter((v) => spec.receivers.includes(v)),
      watched.filter((v) => !spec.receivers.includes(v)),
    );
  },
};
