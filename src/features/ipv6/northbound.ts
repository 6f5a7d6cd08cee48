import { quoted } from '../../base/ovsdb.js';
import type { Lab } from '../../topology/model.js';
import type { CorePort, PortRow, PortUnit } from '../feature.js';
import { dhcpOptionsRow } from '../dhcp/northbound.js';

/** The key of a switch's DHCPv6 row beside its DHCPv4 row (the switch's name). */
const v6Key = (sw: string) => `${sw}/6`;

/** Each switch's DHCPv6 row, numbered after the DHCPv4 rows (the dhcp feature is registered first). */
export function dhcp6Rows(lab: Lab): PortRow[] {
  return lab.switches.flatMap((sw) => (sw.dhcp6 && sw.subnet6 ? [dhcpOptionsRow(v6Key(sw.name), quoted(sw.subnet6.text), sw.dhcp6.options)] : []));
}

/**
 * A VM that learns its IPv6 address from the router (SLAAC, DHCPv6) refers to its switch's DHCPv6
 * row. ovn-nbctl finds a DHCP_Options row by a port's name through dhcpv4_options first, so a VM
 * with a DHCPv4 row too cannot lead a later transaction to this one (PortUnit's `use` knows).
 */
export function dhcp6PortSettings(port: CorePort, { cmd, use }: PortUnit): void {
  if (port.kind !== 'vm' || !port.vm.ipv6 || port.vm.ipv6.mode === 'static') return;
  const id = use(v6Key(port.vm.switch), port.vm.port);
  if (id !== undefined) cmd('set', 'Logical_Switch_Port', port.vm.port, `dhcpv6_options=${id}`);
}
