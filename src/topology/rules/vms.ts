import { inCidr, isMulticastMac, isNetworkOrBroadcast, parseIpv4, type Cidr } from '../net.js';
import { defaultMac, dhcpRouter, dhcpServer, dnsmasqOn } from '../resolve.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

export function checkVms(t: RawTopology, subnets: Map<string, Cidr>, at: At): void {
  const ips = new Map<string, string>();
  const macs = new Map<string, string>();
  const ports = new Map<string, string>();
  for (const [name, sw] of Object.entries(t.switches)) {
    const subnet = subnets.get(name);
    if (!sw.dhcp || !subnet) continue;
    const router = dhcpRouter(t, name);
    const server = dhcpServer(sw, subnet, router);
    macs.set(server.mac, `the DHCP server of switch '${name}'`);
    ips.set(`${name}/${server.ip}`, `the DHCP server of switch '${name}'`);
    if (router) ips.set(`${name}/${router}`, `the router of switch '${name}'`);
  }
  for (const [name, vm] of Object.entries(t.vms)) {
    const path = ['vms', name];
    if (!(vm.chassis in t.chassis)) {
      at([...path, 'chassis'], `unknown chassis '${vm.chassis}' (chassis in this file: ${Object.keys(t.chassis).join(', ') || 'none'})`);
    }
    const sw = t.switches[vm.switch];
    if (!sw) {
      at([...path, 'switch'], `unknown switch '${vm.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
    } else if (vm.dhcp && !sw.dhcp && !dnsmasqOn(t, vm.switch)) {
      at([...path, 'dhcp'], `switch '${vm.switch}' has no dhcp section and no dnsmasq service; add one or set dhcp: false`);
    }
    const ip = parseIpv4(vm.ip);
    const subnet = subnets.get(vm.switch);
    if (ip === undefined) at([...path, 'ip'], `'${vm.ip}' is not an IPv4 address`);
    else if (subnet && !inCidr(ip, subnet)) at([...path, 'ip'], `${vm.ip} is outside the subnet ${subnet.text} of switch '${vm.switch}'`);
    else if (subnet && isNetworkOrBroadcast(ip, subnet)) at([...path, 'ip'], `${vm.ip} is the network or broadcast address of ${subnet.text}`);
    else {
      const key = `${vm.switch}/${vm.ip}`;
      const other = ips.get(key);
      if (other) at([...path, 'ip'], `${vm.ip} is already used by ${other}`);
      ips.set(key, `vms.${name}.ip`);
    }
    const mac = (vm.mac ?? (ip !== undefined ? defaultMac(ip) : '')).toLowerCase();
    if (mac && isMulticastMac(mac)) at([...path, 'mac'], `${mac} is a multicast MAC; the first byte must be even (like 02:…)`);
    const otherMac = mac ? macs.get(mac) : undefined;
    if (otherMac) at([...path, vm.mac ? 'mac' : 'ip'], `MAC ${mac} is already used by ${otherMac}`);
    if (mac) macs.set(mac, `vms.${name}.mac`);
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
      const vip = parseIpv4(v.ip);
      if (vip === undefined) at([...vpath, 'ip'], `'${v.ip}' is not an IPv4 address`);
      else if (vsubnet && (!inCidr(vip, vsubnet) || isNetworkOrBroadcast(vip, vsubnet))) at([...vpath, 'ip'], `${v.ip} is not a host address of switch '${v.switch}' (${vsubnet.text})`);
      else {
        const other = ips.get(`${v.switch}/${v.ip}`);
        if (other) at([...vpath, 'ip'], `${v.ip} is already used by ${other}`);
        ips.set(`${v.switch}/${v.ip}`, `vms.${name}.vlans.${tag}`);
      }
      const vmac = (v.mac ?? (vip !== undefined ? defaultMac(vip) : '')).toLowerCase();
      const otherVmac = vmac ? macs.get(vmac) : undefined;
      if (otherVmac) at([...vpath, v.mac ? 'mac' : 'ip'], `MAC ${vmac} is already used by ${otherVmac}`);
      if (vmac) macs.set(vmac, `vms.${name}.vlans.${tag}`);
    }
    const port = vm.port ?? `${vm.switch}-${name}`;
    const otherPort = ports.get(port);
    if (otherPort) at([...path, 'port'], `logical port '${port}' is already used by ${otherPort}`);
    ports.set(port, `vms.${name}`);
  }
}
