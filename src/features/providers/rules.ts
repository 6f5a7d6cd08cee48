import { parseIpv4 } from '../../topology/net.js';
import { hostSwitch } from '../../topology/host-switch.js';
import { defaultMac } from '../../topology/ports.js';
import type { AddressBook } from '../../topology/rules/address-book.js';
import type { At } from '../../topology/rules/at.js';
import type { RawProviders } from './schema.js';

/** Names a chassis already has for interfaces of its own: OVN's, OVS's kernel ones, lab's. */
const TAKEN_BRIDGE_NAMES = ['br-int', 'br-phy', 'eth0', 'lo', 'ovs-system', 'ovs-netdev', 'genev_sys_6081', 'vxlan_sys_4789'];

/** Why a chassis cannot have a bridge of this name, or undefined (br-ex, br0, br-provider…). */
function bridgeNameProblem(bridge: string, vms: string[]): string | undefined {
  if (['br-int', 'br-phy'].includes(bridge)) return `${bridge} is a bridge lab makes for OVN itself; map the network to another one, like br-ex`;
  if (TAKEN_BRIDGE_NAMES.includes(bridge)) return `${bridge} is an interface OVS or lab has in every chassis; name the bridge like br-ex or br0`;
  if (/^(ph|patch)-/.test(bridge)) return `names starting ${bridge.split('-')[0]}- are lab's and OVN's ports on bridges (ph-<network>, patch-…); name the bridge like br-ex or br0`;
  if (vms.includes(bridge)) return `${bridge} is a VM of this file, whose interface is on the chassis; name the bridge like br-ex or br0`;
  return undefined;
}

export function checkProviderNetworks(t: RawProviders, book: AddressBook, at: At): void {
  const networks = Object.keys(t.networks);
  const unknownNetwork = (path: PropertyKey[], name: string) => at(path, `unknown provider network '${name}' (networks in this file: ${networks.join(', ') || 'none; add a networks section'})`);
  for (const [name, net] of Object.entries(t.networks)) {
    void net;
    if (name.length > 12) at(['networks', name], `a network name has at most 12 characters (interface names are derived from it)`, true);
  }
  for (const [name, c] of Object.entries(t.chassis)) {
    const bridges = new Set<string>();
    for (const [network, bridge] of Object.entries(c?.bridge_mappings ?? {})) {
      const path = ['chassis', name, 'bridge_mappings', network];
      if (!networks.includes(network)) unknownNetwork(path, network);
      const problem = bridgeNameProblem(bridge, Object.keys(t.vms));
      if (problem) at(path, problem);
      if (bridges.has(bridge)) at(path, `bridge ${bridge} is already mapped on chassis ${name}; one network per bridge`);
      bridges.add(bridge);
    }
  }
  for (const [name, sw] of Object.entries(t.switches)) {
    if (sw.provider && !networks.includes(sw.provider)) unknownNetwork(['switches', name, 'provider'], sw.provider);
    if (sw.localnet_port !== undefined && !sw.provider) at(['switches', name, 'localnet_port'], `a localnet port is a provider switch's: give switch '${name}' a provider, or drop localnet_port`);
    // Only a switch with a localnet port looks through the VMs: a big file has thousands, and a hundred switches.
    const vmPort = sw.localnet_port !== undefined && Object.entries(t.vms).find(([n, v]) => (v.port ?? `${v.switch}-${n}`) === sw.localnet_port);
    if (vmPort) at(['switches', name, 'localnet_port'], `port name '${sw.localnet_port}' is already VM ${vmPort[0]}'s; name the localnet port another way`);
  }
  for (const [name, vm] of Object.entries(t.vms)) checkVmMapped(t, name, vm, at);
  for (const [name, h] of Object.entries(t.hosts)) {
    const path = ['hosts', name];
    if (!networks.includes(h.network)) {
      unknownNetwork([...path, 'network'], h.network);
      continue;
    }
    const onSwitch = hostSwitch(t, h.network, h.ip);
    let claimed = false;
    if (!onSwitch) {
      at([...path, 'ip'], `${h.ip} is in no subnet of a switch on network '${h.network}'; add a switch with provider: ${h.network} whose subnet holds it`);
    } else claimed = book.ip(onSwitch, h.ip, `hosts.${name}`, [...path, 'ip']);
    const ip = parseIpv4(h.ip);
    book.portMac(h.mac, ip !== undefined ? defaultMac(ip) : undefined, claimed, `hosts.${name}`, path);
    const ep = h.external_port;
    if (h.dhcp && !ep) at([...path, 'dhcp'], 'a host gets DHCP from OVN through an external_port; add one (switch and ha_chassis)');
    if (!ep) continue;
    const sw = t.switches[ep.switch];
    if (!sw) at([...path, 'external_port', 'switch'], `unknown switch '${ep.switch}' (switches in this file: ${Object.keys(t.switches).join(', ')})`);
    else if (sw.provider !== h.network) at([...path, 'external_port', 'switch'], `switch '${ep.switch}' is not on network '${h.network}' (give it provider: ${h.network})`);
    else if (h.dhcp && !sw.dhcp) at([...path, 'external_port', 'switch'], `switch '${ep.switch}' has no dhcp section, so OVN has no DHCP to give this host`);
    ep.ha_chassis.forEach((c, i) => {
      const chassis = t.chassis[c];
      if (!(c in t.chassis)) at([...path, 'external_port', 'ha_chassis', i], `unknown chassis '${c}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
      else if (!chassis?.bridge_mappings?.[h.network]) at([...path, 'external_port', 'ha_chassis', i], `chassis ${c} has no bridge mapping for network '${h.network}', so it cannot answer this host`);
    });
  }
}

/** A VM's port on a provider switch (its first or another interface) needs its chassis to map the network. */
function checkVmMapped(t: RawProviders, name: string, vm: RawProviders['vms'][string], at: At): void {
  const unmapped = (sw: string, provider: string) => `switch '${sw}' is on provider network '${provider}', which chassis ${vm.chassis} does not map; add bridge_mappings: { ${provider}: br-ex } to chassis ${vm.chassis}`;
  const provider = t.switches[vm.switch]?.provider;
  if (provider && vm.chassis in t.chassis && !t.chassis[vm.chassis]?.bridge_mappings?.[provider]) at(['vms', name, 'switch'], unmapped(vm.switch, provider));
  for (const [iface, n] of Object.entries(vm.nics ?? {})) {
    const nicProvider = t.switches[n.switch]?.provider;
    if (nicProvider && !t.chassis[vm.chassis]?.bridge_mappings?.[nicProvider]) at(['vms', name, 'nics', iface, 'switch'], unmapped(n.switch, nicProvider));
  }
}
