import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawQos, RawQosRule } from './schema.js';

type Raw = RawCore & RawQos;

/** The logical port of a VM of the file (its own name, or `<switch>-<vm>`). */
function vmPort(t: RawCore, vm: string): string | undefined {
  const v = t.vms[vm];
  return v ? (v.port ?? `${v.switch}-${vm}`) : undefined;
}

/** The logical switch a switch of the file is part of (one more subnet, `on:`, is its switch's). */
function logicalSwitch(t: RawCore, name: string): string {
  return t.switches[name]?.on ?? name;
}

/** The switch a rule is on: its own, or its VM's. */
export function ruleSwitch(t: RawCore, rule: RawQosRule): string | undefined {
  const own = rule.switch ?? (rule.vm !== undefined ? t.vms[rule.vm]?.switch : undefined);
  return own === undefined ? undefined : logicalSwitch(t, own);
}

/** The whole match of a rule: its VM's port (inport or outport by direction) and-ed with its own match. */
export function ruleMatch(t: RawCore, rule: RawQosRule): string {
  const port = rule.vm !== undefined ? vmPort(t, rule.vm) : undefined;
  if (port === undefined) return rule.match ?? '';
  const own = `${rule.direction === 'from-lport' ? 'inport' : 'outport'} == "${port}"`;
  return rule.match === undefined ? own : `${own} && (${rule.match})`;
}

/** A rule on a switch and a VM of the file (the VM on that switch), that does something, once. */
function checkRule(t: Raw, rule: RawQosRule, path: PropertyKey[], at: At): void {
  if (rule.switch !== undefined && !(rule.switch in t.switches)) at([...path, 'switch'], `unknown switch '${rule.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
  if (rule.vm !== undefined && !(rule.vm in t.vms)) at([...path, 'vm'], `unknown VM '${rule.vm}' (VMs in this file: ${Object.keys(t.vms).join(', ') || 'none'})`);
  if (rule.switch === undefined && rule.vm === undefined) at(path, 'a QoS rule is on a switch: give switch:, or vm: (its switch)', false);
  if (rule.vm === undefined && rule.match === undefined) at(path, "a QoS rule selects packets: give match:, or vm: (the VM's port)", false);
  const vm = rule.vm !== undefined ? t.vms[rule.vm] : undefined;
  if (vm && rule.switch !== undefined && rule.switch in t.switches && logicalSwitch(t, vm.switch) !== logicalSwitch(t, rule.switch)) {
    at([...path, 'vm'], `${rule.vm} is on switch '${vm.switch}', not '${rule.switch}': a rule sees the ports of its own switch (leave switch: out, or name ${vm.switch})`);
  }
  if (rule.rate === undefined && rule.dscp === undefined) at(path, 'a QoS rule limits (rate:), marks (dscp:) or both: give at least one', false);
  if (rule.burst !== undefined && rule.rate === undefined) at([...path, 'burst'], 'burst goes with rate: the kilobits let through above the rate');
}

/** QoS rules on switches and VMs of the file, each doing something, none twice (qos-add refuses a second rule alike). */
export function checkQos(t: Raw, at: At): void {
  const seen = new Map<string, number>();
  t.qos.forEach((rule, i) => {
    const path = ['qos', i];
    checkRule(t, rule, path, at);
    const key = `${ruleSwitch(t, rule)}|${rule.direction}|${rule.priority}|${ruleMatch(t, rule)}`;
    const first = seen.get(key);
    if (first !== undefined) at(path, `the same switch, direction, priority and match as qos rule ${first + 1}: OVN keeps one rule for them (qos-add refuses the second); merge the two or change the priority`, false);
    else seen.set(key, i);
  });
}
