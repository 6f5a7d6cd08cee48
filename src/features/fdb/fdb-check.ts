import * as z from 'zod';
import { checkFields } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import { logicalSwitchOf, type Lab } from '../../topology/model.js';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

const schema = z.strictObject({
  ...checkFields('fdb'),
  mac: z.string().describe('the MAC learned, or the VM whose MAC it is'),
  switch: z.string().optional().describe('the logical switch that learned it (default: the switch of the VM named in mac or port)'),
  port: z.string().optional().describe('with expect learned: the logical port it was learned on, or the VM whose port it is (default: any)'),
  expect: z
    .enum(['learned', 'gone'])
    .default('learned')
    .describe('learned: the SB FDB table has the MAC on the switch (waits until it has); gone: it has no such row (waits until there is none: a MAC from a port with known addresses is never learned)'),
});
export type FdbCheck = z.infer<typeof schema>;

/** The MAC a check means: its own, or its VM's (lower case); undefined for an unknown VM. */
export function fdbMac(spec: FdbCheck, lab: Lab): string | undefined {
  return MAC.test(spec.mac) ? spec.mac.toLowerCase() : lab.vms.find((v) => v.name === spec.mac)?.mac.toLowerCase();
}

/** The logical port a check means: a port name, or its VM's port; undefined for any. */
export function fdbPort(spec: FdbCheck, lab: Lab): string | undefined {
  return spec.port === undefined ? undefined : (lab.vms.find((v) => v.name === spec.port)?.port ?? spec.port);
}

/** The logical switch a check looks at: its own, or the switch of the VM it names. */
export function fdbSwitch(spec: FdbCheck, lab: Lab): string | undefined {
  const vm = lab.vms.find((v) => v.name === spec.port) ?? lab.vms.find((v) => v.name === spec.mac);
  const sw = spec.switch ?? vm?.switch;
  return sw === undefined ? undefined : logicalSwitchOf(lab, sw);
}

function problems(spec: FdbCheck, lab: Lab): CheckProblem[] {
  const out: CheckProblem[] = [];
  const vms = lab.vms.map((v) => v.name);
  if (fdbMac(spec, lab) === undefined) out.push({ field: 'mac', message: `'${spec.mac}' is neither a MAC (02:00:0a:49:00:0c) nor a VM of this lab (${vms.join(', ')})` });
  if (spec.switch !== undefined && !lab.switches.some((s) => s.name === spec.switch)) {
    out.push({ field: 'switch', message: `unknown switch '${spec.switch}' (switches in this lab: ${lab.switches.map((s) => s.name).join(', ')})` });
  } else if (fdbSwitch(spec, lab) === undefined && fdbMac(spec, lab) !== undefined) out.push({ field: 'mac', message: 'say which switch (switch:), or name a VM in mac or port' });
  if (spec.port !== undefined && spec.expect === 'gone') out.push({ field: 'port', message: 'port goes with expect: learned (a row that is gone has no port)' });
  else if (spec.port !== undefined && !lab.vms.some((v) => v.name === spec.port || v.port === spec.port)) {
    out.push({ field: 'port', message: `'${spec.port}' is neither a VM nor a VM's logical port (VMs in this lab: ${vms.join(', ')})` });
  }
  return out;
}

/** What a check expects, as a failure prints it. */
function expected(spec: FdbCheck, lab: Lab): string {
  const mac = fdbMac(spec, lab) ?? spec.mac;
  const sw = fdbSwitch(spec, lab) ?? '?';
  if (spec.expect === 'gone') return `${sw}: no FDB row for ${mac}`;
  return `${sw}: ${mac} learned on ${fdbPort(spec, lab) ?? 'a port'}`;
}

export const fdbSpec: CheckSpecKind<FdbCheck> = {
  kind: 'fdb',
  summary: 'a logical switch learned a MAC on a port with addresses unknown (its SB FDB row), or has no such row (waits for it to go)',
  schema,
  validate: problems,
  negative: () => false,
  expected,
};
