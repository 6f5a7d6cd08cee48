import { inCidr, isNetworkOrBroadcast, parseIpv4, type Cidr } from '../net.js';
import { dnsmasqOn } from '../../features/services/resolve.js';
import { defaultMac } from '../ports.js';
import { vmMac } from '../macs.js';
import type { RawTopology } from '../schema.js';
import type { AddressBook } from './address-book.js';
import type { At } from './at.js';

export function checkVms(t: RawTopology, subnets: Map<string, Cidr>, book: AddressBook, at: At): void {
  const ports = new Map<string, string>();
  for (const [name, vm] of Object.entries(t.vms)) {
    const path = ['vms', name];
    if (!(vm.chassis in t.chassis)) {
      at([...path, 'chassis'], `unknown chassis '${vm.chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ') || 'none'})`);
    }
    const sw = t.switches[vm.switch];
    if (!sw) {
      at([...path, 'switch'], `unknown switch '${vm.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
    } else if (vm.dhcp && vm.addresses === 'unknown') {
      at([...path, 'dhcp'], `OVN answers no DHCP for a port with addresses unknown: drop dhcp (its address is static)`);
    } else if (vm.dhcp && !sw.dhcp && !dnsmasqOn(t, vm.switch)) {
      at([...path, 'dhcp'], `switch '${vm.switch}' has no dhcp section and no dnsmasq service; add one or set dhcp: false`);
    }
    const ip = vm.ip !== undefined ? parseIpv4(vm.ip) : undefined;
    const subnet = subnets.get(vm.switch);
    let claimed = false;
    if (vm.ip === undefined) {
      if (sw?.subnet !== undefined) at([...path, 'switch'], `switch '${vm.switch}' has an IPv4 subnet (${sw.subnet}): give the VM an ip in it`);
      else claimed = true; // its MAC comes from its name
      if (vm.dhcp) at([...path, 'dhcp'], `switch '${vm.switch}' is IPv6 only: dhcp (DHCPv4) has nothing to lease; DHCPv6 follows the router port's ra`);
    } else if (sw && sw.subnet === undefined) at([...path, 'ip'], `switch '${vm.switch}' is IPv6 only: drop ip (the VM's IPv6 address is ip6, or the one SLAAC makes)`);
    else if (ip === undefined) at([...path, 'ip'], `'${vm.ip}' is not an IPv4 address`);
    else if (subnet && !inCidr(ip, subnet)) at([...path, 'ip'], `${vm.ip} is outside the subnet ${subnet.text} of switch '${vm.switch}'`);
    else if (subnet && isNetworkOrBroadcast(ip, subnet)) at([...path, 'ip'], `${vm.ip} is the network or broadcast address of ${subnet.text}`);
    else claimed = book.ip(vm.switch, vm.ip, `vms.${name}.ip`, [...path, 'ip']);
    book.portMac(vm.mac, ip !== undefined || vm.ip === undefined ? vmMac(vm, name) : undefined, claimed, `vms.${name}.mac`, path);
    for (const [tag, v] of Object.entries(vm.vlans ?? {})) {
      const vpath = [...path, 'vlans', tag];
      if (Number(tag) < 1 || Number(tag) > 4094) at(vpath, `VLAN tag ${tag} is outside 1-4094`, true);
      const vsw = t.switches[v.switch];
      const vsubnet = subnets.get(v.switch);
      if (!vsw) {
        at([...vpath, 'switch'], `unknown switch '${v.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
        continue;
      }
      if (v.dhcp && !vsw.dhcp) at([...vpath, 'dhcp'], `switch '${v.switch}' has no dhcp section; add one or set dhcp: false`);
      claimPortAddress(book, at, { ...v, subnet: vsubnet, owner: `vms.${name}.vlans.${tag}`, path: vpath });
    }
    const port = vm.port ?? `${vm.switch}-${name}`;
    const otherPort = ports.get(port);
    if (otherPort) at([...path, 'port'], `logical port '${port}' is already used by ${otherPort}`);
    ports.set(port, `vms.${name}`);
    const onSwitch = new Set([vm.switch]);
    for (const [iface, n] of Object.entries(vm.nics ?? {})) {
      const npath = [...path, 'nics', iface];
      const nsubnet = subnets.get(n.switch);
      const nsw = t.switches[n.switch];
      if (!nsw) {
        at([...npath, 'switch'], `unknown switch '${n.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
        continue;
      }
      if (onSwitch.has(n.switch)) at([...npath, 'switch'], `VM '${name}' already has a port on switch '${n.switch}'; one port per switch`);
      onSwitch.add(n.switch);
      if (nsw.subnet === undefined) at([...npath, 'switch'], `switch '${n.switch}' is IPv6 only; an extra interface takes an IPv4 address`);
      claimPortAddress(book, at, { ...n, subnet: nsubnet, owner: `vms.${name}.nics.${iface}`, path: npath });
      const nport = n.port ?? `${n.switch}-${name}`;
      const other = ports.get(nport);
      if (other) at([...npath, n.port ? 'port' : 'switch'], `logical port '${nport}' is already used by ${other}`);
      ports.set(nport, `vms.${name}.nics.${iface}`);
    }
  }
}

/** A port's static IPv4 address on its switch (a host address of its subnet, not taken) and its MAC. */
function claimPortAddress(book: AddressBook, at: At, p: { switch: string; ip: string; mac?: string; subnet: Cidr | undefined; owner: string; path: PropertyKey[] }): void {
  const ip = parseIpv4(p.ip);
  let claimed = false;
  if (ip === undefined) at([...p.path, 'ip'], `'${p.ip}' is not an IPv4 address`);
  else if (p.subnet && (!inCidr(ip, p.subnet) || isNetworkOrBroadcast(ip, p.subnet))) at([...p.path, 'ip'], `${p.ip} is not a host address of switch '${p.switch}' (${p.subnet.text})`);
  else claimed = book.ip(p.switch, p.ip, p.owner, [...p.path, 'ip']);
  book.portMac(p.mac, ip !== undefined ? defaultMac(ip) : undefined, claimed, p.owner, p.path);
}
