import { logicalSwitchOf, type Lab, type Vm } from '../topology/model.js';
import type { CorePort, NbCommand } from '../features/feature.js';
import { features } from '../features/registry.js';
import { quoted } from '../base/ovsdb.js';

/**
 * Commands that must share one transaction (a port and the settings that refer to it), and the
 * rows features make that they refer to by id (`@dhcp<n>`): the row's key → the port that
 * refers to it, and whether a later transaction can find the row through that port.
 */
interface Unit {
  commands: string[][];
  rows: { key: string; port: string; anchor: boolean }[];
}

/** Bytes of argv one ovn-nbctl call may take: far below Linux's 128 KiB for one argument and 2 MiB in all. */
export const MAX_TRANSACTION_BYTES = 64 * 1024;

/** How a unit starts itself, and what its ports' features write in it. */
interface UnitMaker {
  unit: () => { cmd: NbCommand; unit: Unit };
  /** The features' settings of a port, in its unit (`rowId`: the id of each feature row). */
  settings: (port: CorePort, u: { cmd: NbCommand; unit: Unit }) => void;
  /** The logical switch a switch of the file is (one more subnet, on:, is that switch's). */
  ls: (name: string) => string;
}

/** The NB configuration of a lab, unit by unit, in the order a learner would type it. */
function units(lab: Lab, rowId: ReadonlyMap<string, string>): Unit[] {
  const out: Unit[] = [];
  const make: UnitMaker = {
    unit: () => {
      const u: Unit = { commands: [], rows: [] };
      out.push(u);
      return { cmd: (...words: string[]) => void u.commands.push(words), unit: u };
    },
    settings: (port, { cmd, unit }) => {
      const use = (key: string, name: string) => {
        const id = rowId.get(key);
        // The first row a port refers to is the one ovn-nbctl finds through it (dhcpv4_options before dhcpv6_options).
        if (id !== undefined) unit.rows.push({ key, port: name, anchor: !unit.rows.some((r) => r.port === name) });
        return id;
      };
      for (const f of features) f.portNorthbound?.(port, { cmd, use });
    },
    ls: (name) => logicalSwitchOf(lab, name),
  };
  switchUnits(lab, make);
  // Features whose rows ports refer to (localports, …), in the registry's order.
  for (const f of features) if (f.northboundAfter === 'switches') f.northbound?.(lab, () => make.unit().cmd);
  for (const vm of lab.vms) if (!vm.localport) vmUnit(vm, make); // a localport's instances share its one port
  externalPortUnits(lab, make);
  policyUnits(lab, () => make.unit().cmd);
  return out;
}

/** Switches, each with what features put on it (a provider switch's localnet port). */
function switchUnits(lab: Lab, { unit }: UnitMaker): void {
  // One more subnet of a switch (on:) has no logical switch of its own: its ports and DHCP row go to that one.
  for (const sw of lab.switches.filter((s) => !s.on)) {
    const { cmd } = unit();
    cmd('ls-add', sw.name);
    for (const f of features) f.switchNorthbound?.(sw, cmd);
  }
}

/** A VM's port with what features set on it (its DHCP rows), its extra ports and its VLAN children. */
function vmUnit(vm: Vm, { unit, settings, ls }: UnitMaker): void {
  const u = unit();
  const { cmd } = u;
  cmd('lsp-add', ls(vm.switch), vm.port);
  cmd('lsp-set-addresses', vm.port, vm.unknownAddresses ? 'unknown' : [vm.mac, vm.ip, vm.ipv6?.ip].filter(Boolean).join(' '));
  if (vm.portSecurity) cmd('lsp-set-port-security', vm.port, ...vm.portSecurity);
  settings({ kind: 'vm', vm }, u);
  for (const n of vm.nics ?? []) {
    cmd('lsp-add', ls(n.switch), n.port);
    cmd('lsp-set-addresses', n.port, `${n.mac} ${n.ip}`);
  }
  for (const v of vm.vlans) {
    // A child port: tagged traffic on the parent's OVS port belongs to this logical port.
    cmd('lsp-add', ls(v.switch), v.port, vm.port, String(v.tag));
    cmd('lsp-set-addresses', v.port, `${v.mac} ${v.ip}`);
    settings({ kind: 'vlan', vm, vlan: v }, u);
  }
}

/** Hosts' external ports: OVN answers such a host (DHCP) from the highest-priority chassis of its HA group. */
function externalPortUnits(lab: Lab, { unit, settings, ls }: UnitMaker): void {
  for (const [hi, h] of lab.hosts.entries()) {
    const ep = h.externalPort;
    if (!ep) continue;
    const u = unit();
    const { cmd } = u;
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
    settings({ kind: 'external', host: h, port: ep.port, switch: ep.switch }, u);
  }
}

/** The features' units (after every port: routers, security groups, load balancers…), then NB_Global options. */
function policyUnits(lab: Lab, unit: () => (...words: string[]) => void): void {
  // Each feature's units (routers, load balancers, …), in the registry's order.
  for (const f of features) if (f.northboundAfter !== 'switches') f.northbound?.(lab, unit);
  const options = Object.entries(lab.nbOptions);
  if (options.length) unit()('set', 'NB_Global', '.', ...options.map(([k, v]) => `options:${k}=${quoted(v)}`));
}

/**
 * The whole NB configuration of a lab as ovn-nbctl calls: one transaction (what the notes did with a
 * dozen separate commands) while it stays under `maxBytes`, more for big labs. A DHCP_Options row
 * is created in the transaction of the first port that uses it; later transactions find it again
 * through that port (`--id=@dhcp0 get DHCP_Options <port>`: ovn-nbctl names DHCP_Options rows
 * by the ports that refer to them).
 */
export function logicalNetworkTransactions(lab: Lab, maxBytes = MAX_TRANSACTION_BYTES): string[][] {
  const rows = new Map(features.flatMap((f) => f.portRows?.(lab) ?? []).map((r) => [r.key, r]));
  // Row ids by position, not by name: switch names s-1 and s_1 must not share one.
  const counted = new Map<string, number>();
  const rowId = new Map(
    [...rows.values()].map((r) => {
      const n = counted.get(r.idPrefix) ?? 0;
      counted.set(r.idPrefix, n + 1);
      return [r.key, `@${r.idPrefix}${n}`];
    }),
  );
  const create = (key: string): string[] => {
    const row = rows.get(key);
    return row ? [`--id=${rowId.get(key)}`, 'create', row.table, ...row.columns] : [];
  };
  const anchor = new Map<string, string>();
  const made = new Set<string>();
  const head = ['ovn-nbctl', '--timeout=30'];
  const size = (words: string[]) => words.reduce((n, w) => n + w.length + 1, 0);
  const transactions: string[][] = [];
  let current: string[] = [];
  // size(current), kept as words are added: measured again for each unit, it cost a big lab O(units²).
  let currentSize = 0;
  let inCurrent = new Set<string>();
  const flush = () => {
    if (current.length) transactions.push([...head, ...current]);
    current = [];
    currentSize = 0;
    inCurrent = new Set();
  };
  const add = (commands: string[][]) => {
    for (const c of commands) {
      current.push('--', ...c);
      currentSize += '-- '.length + size(c);
    }
  };
  const rowCommands = (u: Unit): string[][] =>
    u.rows
      .filter((d, i, all) => !inCurrent.has(d.key) && all.findIndex((x) => x.key === d.key) === i)
      .map((d) => {
        const known = anchor.get(d.key);
        const row = rows.get(d.key);
        // Without a port to find it by (a DHCPv6 row whose ports all have DHCPv4 too), a later
        // transaction makes an identical row of its own.
        return known && row ? [`--id=${rowId.get(d.key)}`, 'get', row.table, known] : create(d.key);
      });
  for (const u of units(lab, rowId)) {
    let extra = rowCommands(u);
    if (current.length && currentSize + size([...extra, ...u.commands].flat()) + 2 * (extra.length + u.commands.length) > maxBytes) {
      flush();
      extra = rowCommands(u);
    }
    add([...extra, ...u.commands]);
    for (const d of u.rows) {
      inCurrent.add(d.key);
      made.add(d.key);
      if (d.anchor && !anchor.has(d.key)) anchor.set(d.key, d.port);
    }
  }
  // Rows no port uses yet (DHCP options) are still made, for the learner to see and attach.
  add([...rows.keys()].filter((key) => !made.has(key)).map(create));
  flush();
  return transactions;
}

/** The NB configuration as one ovn-nbctl call, whatever its size (for reading; `up` uses {@link logicalNetworkTransactions}). */
export function logicalNetworkArgv(lab: Lab): string[] {
  return logicalNetworkTransactions(lab, Infinity)[0] ?? [];
}
