import { logicalSwitchOf, type Lab, type Vm } from '../topology/model.js';
import { features } from '../features/registry.js';
import { quoted } from '../base/ovsdb.js';

/**
 * Commands that must share one transaction (a port and the settings that refer to it), and the
 * DHCP_Options rows they refer to by `@dhcp<n>`: the row's key (the switch, `<switch>/6` for
 * DHCPv6) → the port that takes the row, and whether a later transaction can find the row
 * through that port.
 */
interface Unit {
  commands: string[][];
  dhcp: { key: string; port: string; anchor: boolean }[];
}

/** The key of a switch's DHCPv6 row beside its DHCPv4 row (the switch's name). */
const v6Key = (sw: string) => `${sw}/6`;

/** Bytes of argv one ovn-nbctl call may take: far below Linux's 128 KiB for one argument and 2 MiB in all. */
export const MAX_TRANSACTION_BYTES = 64 * 1024;

/** How a unit says which DHCP_Options rows its ports use, and starts itself. */
interface UnitMaker {
  unit: (dhcp?: Unit['dhcp']) => (...words: string[]) => void;
  /** The DHCPv4 row of a switch, for a port that takes it. */
  uses: (sw: string, port: string, on: boolean) => Unit['dhcp'];
  /**
   * The DHCPv6 row of a switch. ovn-nbctl finds a DHCP_Options row by a port's name through
   * dhcpv4_options first: a port that also has a DHCPv4 row cannot lead a later transaction to it.
   */
  uses6: (sw: string, port: string, on: boolean, v4: boolean) => Unit['dhcp'];
  dhcpId: Map<string, string>;
  /** The logical switch a switch of the file is (one more subnet, on:, is that switch's). */
  ls: (name: string) => string;
}

/** The NB configuration of a lab, unit by unit, in the order a learner would type it. */
function units(lab: Lab, dhcpId: Map<string, string>): Unit[] {
  const out: Unit[] = [];
  const make: UnitMaker = {
    unit: (dhcp = []) => {
      const u: Unit = { commands: [], dhcp };
      out.push(u);
      return (...words: string[]) => void u.commands.push(words);
    },
    uses: (sw, port, on) => (on && dhcpId.has(sw) ? [{ key: sw, port, anchor: true }] : []),
    uses6: (sw, port, on, v4) => (on && dhcpId.has(v6Key(sw)) ? [{ key: v6Key(sw), port, anchor: !v4 }] : []),
    dhcpId,
    ls: (name) => logicalSwitchOf(lab, name),
  };
  switchUnits(lab, make);
  // Features whose rows ports refer to (localports, …), in the registry's order.
  for (const f of features) if (f.northboundAfter === 'switches') f.northbound?.(lab, () => make.unit());
  for (const vm of lab.vms) if (!vm.localport) vmUnit(vm, make); // a localport's instances share its one port
  externalPortUnits(lab, make);
  policyUnits(lab, () => make.unit());
  return out;
}

/** Switches, each with what features put on it (a provider switch's localnet port). */
function switchUnits(lab: Lab, { unit }: UnitMaker): void {
  // One more subnet of a switch (on:) has no logical switch of its own: its ports and DHCP row go to that one.
  for (const sw of lab.switches.filter((s) => !s.on)) {
    const cmd = unit();
    cmd('ls-add', sw.name);
    for (const f of features) f.switchNorthbound?.(sw, cmd);
  }
}

/** A VM's port with its DHCP rows, its extra ports and its VLAN children. */
function vmUnit(vm: Vm, { unit, uses, uses6, dhcpId, ls }: UnitMaker): void {
  const v4Row = dhcpId.get(vm.switch);
  const v6Row = dhcpId.get(v6Key(vm.switch));
  const v4 = vm.dhcp && v4Row !== undefined;
  const v6 = !!vm.ipv6 && vm.ipv6.mode !== 'static' && v6Row !== undefined;
  const cmd = unit([...uses(vm.switch, vm.port, vm.dhcp), ...uses6(vm.switch, vm.port, v6, v4), ...vm.vlans.flatMap((v) => uses(v.switch, v.port, v.dhcp))]);
  cmd('lsp-add', ls(vm.switch), vm.port);
  cmd('lsp-set-addresses', vm.port, vm.unknownAddresses ? 'unknown' : [vm.mac, vm.ip, vm.ipv6?.ip].filter(Boolean).join(' '));
  if (vm.portSecurity) cmd('lsp-set-port-security', vm.port, ...vm.portSecurity);
  if (v4) cmd('set', 'Logical_Switch_Port', vm.port, `dhcpv4_options=${v4Row}`);
  if (v6) cmd('set', 'Logical_Switch_Port', vm.port, `dhcpv6_options=${v6Row}`);
  for (const n of vm.nics ?? []) {
    cmd('lsp-add', ls(n.switch), n.port);
    cmd('lsp-set-addresses', n.port, `${n.mac} ${n.ip}`);
  }
  for (const v of vm.vlans) {
    // A child port: tagged traffic on the parent's OVS port belongs to this logical port.
    cmd('lsp-add', ls(v.switch), v.port, vm.port, String(v.tag));
    cmd('lsp-set-addresses', v.port, `${v.mac} ${v.ip}`);
    const row = dhcpId.get(v.switch);
    if (v.dhcp && row !== undefined) cmd('set', 'Logical_Switch_Port', v.port, `dhcpv4_options=${row}`);
  }
}

/** Hosts' external ports: OVN answers such a host (DHCP) from the highest-priority chassis of its HA group. */
function externalPortUnits(lab: Lab, { unit, uses, dhcpId, ls }: UnitMaker): void {
  for (const [hi, h] of lab.hosts.entries()) {
    const ep = h.externalPort;
    if (!ep) continue;
    const cmd = unit(uses(ep.switch, ep.port, h.dhcp));
    const group = `@hcg${hi}`;
    const members = ep.haChassis.map((c, i) => {
      const id = `${group}_${i}`;
      cmd(`--id=${id}`, 'create', 'HA_Chassis', `chassis_name=${c}`, `priority=${(ep.haChassis.length - i) * 10}`);
      return id;
    });
    cmd(`--id=${group}`, 'create', 'HA_Chassis_Group', `name=${h.name}`, `ha_chassis=[${members.join(',')}]`);
    cmd('lsp-add', ls(ep.switch), ep.port);
    cmd('lsp-set-type', ep.port, 'external');
    cmd('lsp-set-addresses', ep.port, [h.mac, h.ip, h.ip6].filter(Boolean).join(' '));
    cmd('set', 'Logical_Switch_Port', ep.port, `ha_chassis_group=${group}`);
    const row = dhcpId.get(ep.switch);
    if (h.dhcp && row !== undefined) cmd('set', 'Logical_Switch_Port', ep.port, `dhcpv4_options=${row}`);
  }
}

/** The features' units (after every port: routers, security groups, load balancers…), then NB_Global options. */
function policyUnits(lab: Lab, unit: () => (...words: string[]) => void): void {
  // Each feature's units (routers, load balancers, …), in the registry's order.
  for (const f of features) if (f.northboundAfter !== 'switches') f.northbound?.(lab, unit);
  const options = Object.entries(lab.nbOptions);
  if (options.length) unit()('set', 'NB_Global', '.', ...options.map(([k, v]) => `options:${k}=${quoted(v)}`));
}

/** A DHCP_Options row: the switch's DHCPv4 options, or its DHCPv6 ones for a `<switch>/6` key. */
function createDhcp(lab: Lab, key: string, id: string): string[] {
  const sw = lab.switches.find((s) => s.name === key.replace(/\/6$/, ''))!;
  const [cidr, dhcp] = key.endsWith('/6') ? [quoted(sw.subnet6!.text), sw.dhcp6!] : [sw.subnet!.text, sw.dhcp!];
  const options = Object.entries(dhcp.options).map(([k, v]) => `options:${k}=${quoted(v)}`);
  return [`--id=${id}`, 'create', 'DHCP_Options', `cidr=${cidr}`, ...options];
}

/**
 * The whole NB configuration of a lab as ovn-nbctl calls: one transaction (what the notes did with a
 * dozen separate commands) while it stays under `maxBytes`, more for big labs. A DHCP_Options row
 * is created in the transaction of the first port that uses it; later transactions find it again
 * through that port (`--id=@dhcp0 get DHCP_Options <port>`: ovn-nbctl names DHCP_Options rows
 * by the ports that refer to them).
 */
export function logicalNetworkTransactions(lab: Lab, maxBytes = MAX_TRANSACTION_BYTES): string[][] {
  const rows = [...lab.switches.filter((s) => s.dhcp).map((s) => s.name), ...lab.switches.filter((s) => s.dhcp6).map((s) => v6Key(s.name))];
  // Row ids by position, not by name: switch names s-1 and s_1 must not share one.
  const dhcpId = new Map(rows.map((key, i) => [key, `@dhcp${i}`]));
  const anchor = new Map<string, string>();
  const made = new Set<string>();
  const head = ['ovn-nbctl', '--timeout=30'];
  const size = (words: string[]) => words.reduce((n, w) => n + w.length + 1, 0);
  const transactions: string[][] = [];
  let current: string[] = [];
  let inCurrent = new Set<string>();
  const flush = () => {
    if (current.length) transactions.push([...head, ...current]);
    current = [];
    inCurrent = new Set();
  };
  const add = (commands: string[][]) => {
    for (const c of commands) current.push('--', ...c);
  };
  const dhcpCommands = (u: Unit): string[][] =>
    u.dhcp
      .filter((d, i, all) => !inCurrent.has(d.key) && all.findIndex((x) => x.key === d.key) === i)
      .map((d) => {
        const known = anchor.get(d.key);
        // Without a port to find it by (a DHCPv6 row whose ports all have DHCPv4 too), a later
        // transaction makes an identical row of its own.
        return known ? [`--id=${dhcpId.get(d.key)!}`, 'get', 'DHCP_Options', known] : createDhcp(lab, d.key, dhcpId.get(d.key)!);
      });
  for (const u of units(lab, dhcpId)) {
    let extra = dhcpCommands(u);
    if (current.length && size(current) + size([...extra, ...u.commands].flat()) + 2 * (extra.length + u.commands.length) > maxBytes) {
      flush();
      extra = dhcpCommands(u);
    }
    add([...extra, ...u.commands]);
    for (const d of u.dhcp) {
      inCurrent.add(d.key);
      made.add(d.key);
      if (d.anchor && !anchor.has(d.key)) anchor.set(d.key, d.port);
    }
  }
  // DHCP options no port uses yet are still made, for the learner to see and attach.
  add(rows.filter((key) => !made.has(key)).map((key) => createDhcp(lab, key, dhcpId.get(key)!)));
  flush();
  return transactions;
}

/** The NB configuration as one ovn-nbctl call, whatever its size (for reading; `up` uses {@link logicalNetworkTransactions}). */
export function logicalNetworkArgv(lab: Lab): string[] {
  return logicalNetworkTransactions(lab, Infinity)[0] ?? [];
}
