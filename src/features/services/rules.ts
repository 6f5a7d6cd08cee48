import type { Cidr } from '../../topology/net.js';
import type { AddressBook } from '../../topology/rules/address-book.js';
import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import { serviceInterfaces } from './resolve.js';
import type { RawService, RawServices } from './schema.js';

type Raw = RawCore & RawServices;

/** Services: in a namespace of their own (chassis, switch, address) or in a VM; switches without OVN DHCP. */
export function checkServices(t: Raw, subnets: ReadonlyMap<string, Cidr>, book: AddressBook, at: At): void {
  checkIpv4Switches(t, at);
  for (const [name, svc] of Object.entries(t.services)) {
    const path = ['services', name];
    if (svc.vm !== undefined) {
      checkInVm(t, name, svc, at);
      continue;
    }
    for (const key of ['chassis', 'switch', 'ip'] as const) {
      if (svc[key] === undefined) at(path, `a service in a namespace of its own needs ${key} (or give vm: the VM to run it in)`, true);
    }
    if (svc.chassis === undefined || svc.switch === undefined || svc.ip === undefined) continue;
    if (!(svc.chassis in t.chassis)) at([...path, 'chassis'], `unknown chassis '${svc.chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
    const subnet = subnets.get(svc.switch);
    const sw = t.switches[svc.switch];
    if (!sw) {
      at([...path, 'switch'], `unknown switch '${svc.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
      continue;
    }
    if (sw.dhcp) at([...path, 'switch'], `switch '${svc.switch}' already has OVN DHCP (a dhcp section); a dnsmasq service serves a switch without one`);
    book.staticPort({ switch: svc.switch, ip: svc.ip, mac: svc.mac }, subnet, `services.${name}`, path);
  }
}

/** What stays IPv4 only: a dnsmasq service in a namespace of its own needs an IPv4 switch. */
function checkIpv4Switches(t: Raw, at: At): void {
  for (const [n, svc] of Object.entries(t.services)) {
    const sw = svc.switch;
    if (sw !== undefined && t.switches[sw] && t.switches[sw].subnet === undefined) at(['services', n, 'switch'], `switch '${sw}' is IPv6 only; a dnsmasq service takes an IPv4 address, so its switch needs a subnet`);
  }
}

/** A service in a VM takes the VM's addresses: nothing of its own, and switches without OVN DHCP. */
function checkInVm(t: Raw, name: string, svc: RawService, at: At): void {
  const path = ['services', name];
  const vm = t.vms[svc.vm!];
  if (!vm) return at([...path, 'vm'], `unknown VM '${svc.vm}' (VMs in this file: ${Object.keys(t.vms).join(', ') || 'none'})`);
  for (const key of ['chassis', 'switch', 'ip', 'mac'] as const) {
    if (svc[key] !== undefined) at([...path, key], `a service in VM '${svc.vm}' runs on its chassis, on its switches, with its addresses: drop ${key}`);
  }
  if (vm.dhcp) at([...path, 'vm'], `VM '${svc.vm}' is the DHCP server here, so it cannot lease its own address: give it dhcp: false`);
  for (const i of serviceInterfaces(t, svc)) {
    if (t.switches[i.switch]?.dhcp) at([...path, 'vm'], `switch '${i.switch}' (${svc.vm}'s ${i.iface}) already has OVN DHCP (a dhcp section); a dnsmasq service serves a switch without one`);
  }
}
