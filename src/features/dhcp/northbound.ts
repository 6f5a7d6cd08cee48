import { quoted } from '../../base/ovsdb.js';
import type { Lab } from '../../topology/model.js';
import type { CorePort, PortRow, PortUnit } from '../feature.js';

/** A DHCP_Options row (DHCPv4 or DHCPv6, by its cidr), its ids `@dhcp<n>` counted over both. */
export function dhcpOptionsRow(key: string, cidr: string, options: Record<string, string>): PortRow {
  return { key, idPrefix: 'dhcp', table: 'DHCP_Options', columns: [`cidr=${cidr}`, ...Object.entries(options).map(([k, v]) => `options:${k}=${quoted(v)}`)] };
}

/** Each switch's DHCPv4 row (keyed by the switch of the file: one more subnet, on:, has its own). */
export function dhcpRows(lab: Lab): PortRow[] {
  return lab.switches.flatMap((sw) => (sw.dhcp && sw.subnet ? [dhcpOptionsRow(sw.name, sw.subnet.text, sw.dhcp.options)] : []));
}

/** A port that gets its address by DHCP refers to its switch's DHCPv4 row (when the switch has one). */
export function dhcpPortSettings(port: CorePort, { cmd, use }: PortUnit): void {
  const [name, sw, dhcp] = port.kind === 'vm' ? [port.vm.port, port.vm.switch, port.vm.dhcp] : port.kind === 'vlan' ? [port.vlan.port, port.vlan.switch, port.vlan.dhcp] : [port.port, port.switch, port.host.dhcp];
  const id = dhcp ? use(sw, name) : undefined;
  if (id !== undefined) cmd('set', 'Logical_Switch_Port', name, `dhcpv4_options=${id}`);
}
