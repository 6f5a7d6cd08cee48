import type { Host, Vm } from '../topology/model.js';
import type { NodeShell } from '../ovn/node-shell.js';
import { requestLease } from './lease.js';
import type { Runtime } from '../runtime/runtime.js';
import { buildTrunk } from './vlans.js';
import { addressVm6 } from './ipv6.js';
import type { Plug } from '../ovn/br-int.js';
import type { Datapath } from '../ovn/datapath.js';

/**
 * Makes what plugs a VM into br-int: its eth0 veth, or, for a VM with VLANs, the uplink of its
 * trunk bridge, and a veth for each further OVN port (named in the chassis after the VM's index
 * and the interface). Returns those chassis-side interfaces with their logical ports, to plug.
 */
export async function vmPlugs(runtime: Runtime, chassis: NodeShell, vm: Vm, index: number, datapath: Datapath): Promise<Plug[]> {
  const port = vm.vlans.length ? await buildTrunk(runtime, chassis, vm, index, datapath) : vm.name;
  const plugs = [{ iface: port, logicalPort: vm.port }];
  for (const n of vm.nics ?? []) {
    const chassisIf = `vn${index}-${n.iface}`;
    await runtime.addVmLink(vm, n.iface, chassisIf, n.mac);
    plugs.push({ iface: chassisIf, logicalPort: n.port });
  }
  return plugs;
}

/**
 * The plug of a VM that is one untagged port, its eth0's veth straight into br-int (which the
 * chassis' start makes, plugging it at once); undefined for a VM with VLANs or more interfaces.
 */
export function directPlug(vm: Vm): Plug | undefined {
  return vm.vlans.length || vm.nics?.length ? undefined : { iface: vm.name, logicalPort: vm.port };
}

/** Static addressing for an interface of a VM without DHCP. */
async function setStaticAddress(vm: NodeShell, address: string, iface = 'eth0', gateway?: string): Promise<void> {
  await vm.run(['ip', 'addr', 'add', address, 'dev', iface]);
  if (gateway) await vm.run(['ip', 'route', 'add', 'default', 'via', gateway, 'dev', iface]);
}

/**
 * Every address a VM gets: eth0's IPv6 and IPv4, then each VLAN interface's, by DHCP or
 * statically. Returns eth0's leased IPv4 address, as the interface shows it, when it got one.
 */
export async function addressVm(vm: NodeShell, spec: Vm): Promise<string | undefined> {
  let leased: string | undefined;
  if (spec.ipv6) await addressVm6(vm, spec.ipv6);
  if (spec.dhcp) leased = (await requestLease(vm)).address;
  else if (spec.ip !== undefined) await setStaticAddress(vm, `${spec.ip}/${spec.prefix}`, 'eth0', spec.gateway);
  for (const n of spec.nics ?? []) await setStaticAddress(vm, `${n.ip}/${n.prefix}`, n.iface);
  for (const v of spec.vlans) {
    if (v.dhcp) await requestLease(vm, v.iface);
    else await setStaticAddress(vm, `${v.ip}/${v.prefix}`, v.iface);
  }
  return leased;
}

/** A host outside OVN gets its address statically or, through its external port, by DHCP from OVN. */
export async function addressHost(node: NodeShell, host: Host): Promise<string | undefined> {
  let leased: string | undefined;
  if (host.dhcp) leased = (await requestLease(node)).address;
  else await setStaticAddress(node, `${host.ip}/${host.prefix}`, 'eth0', host.gateway);
  if (host.ip6) {
    await node.run(['ip', '-6', 'addr', 'add', `${host.ip6}/${host.prefix6}`, 'dev', 'eth0', 'nodad']);
    if (host.gateway6) await node.run(['ip', '-6', 'route', 'add', 'default', 'via', host.gateway6, 'dev', 'eth0']);
  }
  return leased;
}
