import type { Chassis, Lab } from '../topology/model.js';
import { shellLine } from '../base/shell-line.js';
import { CHASSIS_PER_TRANSACTION } from './central.js';

/**
 * Which chassis take their SB row's last columns from the first chassis' (see
 * {@link chassisTemplateCommand}): the first, and the others configured as it is (the same OVN
 * build or release, the same provider bridges); none in a lab of one chassis.
 */
export interface ChassisTemplate {
  first: Chassis;
  others: Chassis[];
}

/**
 * The chassis of the lab that {@link chassisTemplateCommand} fills in, or undefined when none
 * would be. `settings` are the commands that configure a chassis' OVS beyond lab's own (features'
 * provider bridges and their mappings).
 */
export function chassisTemplate(lab: Lab, settings: (c: Chassis) => unknown): ChassisTemplate | undefined {
  const [first, ...rest] = lab.chassis;
  if (!first) return undefined;
  const kind = (c: Chassis) => JSON.stringify([c.release, c.build?.ovn?.dir, c.build?.ovs?.dir, settings(c)]);
  const firstKind = kind(first);
  const others = rest.filter((c) => kind(c) === firstKind);
  return others.length ? { first, others } : undefined;
}

/**
 * Central fills in the other chassis' rows as their ovn-controller would write them, copied from
 * the first chassis' once it has registered: the hostname (each chassis' name, as lab sets it in
 * OVS) and other_config and external_ids (what the build supports, the datapath, its settings:
 * the same on chassis configured alike). ovn-controller (23.03 to 26.03) has no incremental
 * handler for a change to a Chassis row: each chassis that took over the row central made,
 * writing its hostname and other_config, made every running ovn-controller recompute all its
 * flows, N recomputes on each of N chassis (tenant switches of 10, 50 chassis: 51 on hv1). A
 * chassis whose row already holds what it would write changes nothing there (it only inserts its
 * Chassis_Private row, which the others do not watch), so none recomputes: OVN 23.03's case.
 * 25.03 and 26.03 write two keys that depend on what their OVS supports (ct-label-flush,
 * ovn-sample-with-registers) as false as they register and true once they have probed it, a
 * moment later, in one write or two. The row is read in the invocation that sees the first
 * chassis register, so as it registered it when that invocation was already watching; each
 * chassis still changes its row once or twice there (docker trixie and sid, dnsmasq-ha), about
 * as before. One shell on central: `lab script` prints it as it runs.
 */
export function chassisTemplateCommand(template: ChassisTemplate, timeoutSec: number): string[] {
  const { first, others } = template;
  // The wait and the read in one invocation (see above).
  const firstRow = shellLine(['ovn-sbctl', '--timeout=5', 'wait-until', 'Chassis_Private', first.name, '--', 'get', 'Chassis', first.name, 'other_config']);
  const externalIds = shellLine(['ovn-sbctl', '--timeout=30', 'get', 'Chassis', first.name, 'external_ids']);
  // w NAME…: one transaction that writes the rows of the chassis named, 500 as central's first
  // (each name an argument of its own, the columns the shell's: the script stays small whatever
  // the lab's size; the arguments, about 650 bytes a chassis, well within the 2 MiB Linux allows).
  const w = 'w() { n=$#; for c; do set -- "$@" -- set Chassis "$c" "hostname=$c" "other_config=$oc" "external_ids=$ei"; done; shift $n; ovn-sbctl --timeout=30 "$@"; }';
  const writes: string[] = [];
  for (let at = 0; at < others.length; at += CHASSIS_PER_TRANSACTION) writes.push(shellLine(['w', ...others.slice(at, at + CHASSIS_PER_TRANSACTION).map((c) => c.name)]));
  // Central may still be starting beside the first chassis (its SB not there yet): asked again
  // until the row is there.
  const script = [`until oc=$(${firstRow} 2>/dev/null); do sleep 0.1; done`, `ei=$(${externalIds})`, ...writes].join(' && ');
  return ['timeout', String(timeoutSec + 30), 'sh', '-c', `${w}; ${script}`];
}

/**
 * The shell condition a chassis' start waits for before ovn-controller starts: the SB database
 * written by central at all, or, for a templated chassis, its row filled in. That one may take the
 * first chassis' whole start: a `wait-until` watches the row for 5 s in one process, where a `list`
 * each 20 ms made hundreds of processes (23 chassis waiting side by side). Either fails at once
 * while the SB does not listen yet.
 */
export function rowReadyCondition(sbctl: (args: string[]) => string, chassis: Chassis, templated: boolean): string {
  if (!templated) return `[ -n "$(${sbctl(['--bare', '--columns=_uuid', 'list', 'SB_Global'])} 2>/dev/null)" ]`;
  return `${sbctl(['wait-until', 'Chassis', chassis.name, 'hostname!=""'])} >/dev/null 2>&1`;
}
