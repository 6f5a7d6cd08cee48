import * as z from 'zod';
import { checkFields } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import { logicalSwitchOf, type Lab } from '../../topology/model.js';
import { memberVms } from './membership.js';
import { groupProblem } from './rules.js';
import { groupAddress } from './schema.js';

const schema = z.strictObject({
  ...checkFields('igmp_group'),
  group: groupAddress,
  switch: z.string().optional().describe('the snooping logical switch (default: the only one the lab has)'),
  members: z.array(z.string()).describe('exactly the VMs whose ports the SB IGMP_Group rows of the group hold, each in the row of its own chassis; [] waits until the switch has no row of the group (every member left or expired)'),
  protocol: z.enum(['IGMPv1', 'IGMPv2', 'IGMPv3']).optional().describe("the IGMP version each row says its members reported in (its protocol column, OVN 24.09 and later: give the check ovn: '>=24.09'); Linux reports in IGMPv3"),
});
export type IgmpGroupCheck = z.infer<typeof schema>;

/** The switch a check means: its own, or the lab's only snooping one. */
export function snoopingSwitchOf(spec: { switch?: string }, lab: Lab): string | undefined {
  const snooping = (lab.multicast ?? []).map((s) => s.switch);
  return spec.switch !== undefined ? logicalSwitchOf(lab, spec.switch) : snooping.length === 1 ? snooping[0] : undefined;
}

/** What a group's rows hold, as the probe prints it: `<chassis> [<port>…]` for each chassis, sorted, and the protocol when asked. */
export function rowsText(group: string, sw: string, rows: { chassis: string; ports: string[]; protocol?: string }[]): string {
  if (!rows.length) return `${group} on ${sw}: no IGMP_Group row`;
  const row = (r: (typeof rows)[number]) => `${r.chassis} [${[...r.ports].sort().join(' ')}]${r.protocol !== undefined ? ` ${r.protocol || 'no protocol'}` : ''}`;
  const byChassis = [...rows].sort((a, b) => a.chassis.localeCompare(b.chassis)).map(row);
  return `${group} on ${sw}: ${byChassis.join(', ')}`;
}

/** The rows the members make: one per chassis of a member, with its members' ports. */
export function expectedRows(spec: IgmpGroupCheck, lab: Lab): { chassis: string; ports: string[]; protocol?: string }[] {
  const rows = new Map<string, string[]>();
  for (const vm of lab.vms.filter((v) => spec.members.includes(v.name))) rows.set(vm.chassis, [...(rows.get(vm.chassis) ?? []), vm.port]);
  return [...rows].map(([chassis, ports]) => ({ chassis, ports, ...(spec.protocol ? { protocol: spec.protocol } : {}) }));
}

function problems(spec: IgmpGroupCheck, lab: Lab): CheckProblem[] {
  const out: CheckProblem[] = [];
  const snooping = (lab.multicast ?? []).map((s) => s.switch);
  const sw = snoopingSwitchOf(spec, lab);
  if (spec.switch === undefined && sw === undefined) out.push({ field: 'group', message: `say which switch: the lab has ${snooping.length ? `several snooping switches (${snooping.join(', ')})` : 'no snooping switch (multicast:)'}` });
  else if (sw !== undefined && !snooping.includes(sw)) out.push({ field: 'switch', message: `switch '${spec.switch}' does not snoop: OVN makes IGMP_Group rows only on the switches of multicast: (${snooping.join(', ') || 'none'})` });
  const group = groupProblem(spec.group);
  if (group) out.push({ field: 'group', message: group });
  spec.members.forEach((m, i) => {
    const vm = lab.vms.find((v) => v.name === m);
    if (!vm || !memberVms(lab).includes(m)) out.push({ field: `members.${i}`, message: `unknown VM '${m}' (VMs in this lab: ${memberVms(lab).join(', ')})` });
    else if (sw !== undefined && logicalSwitchOf(lab, vm.switch) !== sw) out.push({ field: `members.${i}`, message: `${m} is on switch '${logicalSwitchOf(lab, vm.switch)}', not '${sw}'` });
    else if (spec.members.indexOf(m) !== i) out.push({ field: `members.${i}`, message: `${m} is listed twice` });
  });
  if (spec.protocol !== undefined && spec.members.length === 0) out.push({ field: 'protocol', message: 'protocol is what rows say: it goes with members' });
  return out;
}

export const igmpGroupSpec: CheckSpecKind<IgmpGroupCheck> = {
  kind: 'igmp_group',
  summary: "the SB IGMP_Group rows of a group on a snooping switch hold exactly the members' ports, each in its chassis' row (or, with no members, there is no row: waits for it to go)",
  schema,
  validate: problems,
  negative: () => false,
  expected: (spec, lab) => rowsText(spec.group, snoopingSwitchOf(spec, lab) ?? '?', expectedRows(spec, lab)),
};
