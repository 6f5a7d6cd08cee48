import { canonical6, parseCidr6 } from '../../topology/net6.js';
import { routerPortMac, vmMac } from '../../topology/macs.js';
import { hostSwitch } from '../../topology/host-switch.js';
import { placed } from '../../topology/placed.js';
import { proven, subnet6Of, switchOf } from '../../topology/proven.js';
import type { Host, Lab, LogicalSwitch, Vm } from '../../topology/model.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawRouters } from '../routers/schema.js';
import { ipv6Mode, ipv6RouterPort, vmIpv6 } from './addresses.js';

/** The file as IPv6 reads it: the core's objects and the routers' ports (their ip6 and ra). */
type RawIpv6 = RawCore & Partial<RawRouters>;

/** The IPv6 side of the core's switches, VMs and hosts, each field where the core had it (so the lab record reads as before). */
export function resolveIpv6(t: RawIpv6, lab: Lab): Pick<Lab, 'switches' | 'vms' | 'hosts'> {
  return {
    switches: lab.switches.map((sw) => withSwitch6(sw, resolveSwitch6(t, sw.name))),
    vms: lab.vms.map((vm) => vmWithIpv6(t, vm)),
    hosts: lab.hosts.map((h) => placed(h, hostIpv6Of(t, h), 'gateway' in h ? 'gateway' : 'dhcp')),
  };
}

/** A switch with its IPv6 side before `on` (one more subnet of another switch), as the core wrote them. */
function withSwitch6(sw: LogicalSwitch, six: Pick<LogicalSwitch, 'subnet6' | 'dhcp6'>): LogicalSwitch {
  const { on, ...rest } = sw;
  return { ...rest, ...six, ...(on !== undefined ? { on } : {}) };
}

/** A switch's IPv6 side: its subnet6 and the DHCPv6 options OVN answers with. */
function resolveSwitch6(t: RawIpv6, name: string): Pick<LogicalSwitch, 'subnet6' | 'dhcp6'> {
  const sw = switchOf(t, name);
  const subnet6 = sw.subnet6 !== undefined ? parseCidr6(sw.subnet6) : undefined;
  if (!subnet6) return {};
  const plain = { subnet6: { text: subnet6.text, prefix: subnet6.prefix } };
  if (!sw.dhcp6) return plain;
  const options: Record<string, string> = { server_id: dhcp6ServerMac(t, name) };
  if (sw.dhcp6.dns_server) options.dns_server = `{${canonical6(sw.dhcp6.dns_server)}}`;
  if (sw.dhcp6.domain_search) options.domain_search = `"${sw.dhcp6.domain_search}"`;
  if (ipv6RouterPort(t, name)?.port.ra === 'dhcpv6_stateless') options.dhcpv6_stateless = 'true';
  return { ...plain, dhcp6: { options } };
}

/** The MAC (and DUID) DHCPv6 answers come from: as written, else the IPv6 router port's on the switch. */
function dhcp6ServerMac(t: RawIpv6, name: string): string {
  const rp = ipv6RouterPort(t, name)?.port;
  return (t.switches[name]?.dhcp6?.server_mac ?? rp?.mac ?? routerPortMac(rp ?? {})).toLowerCase();
}

/** A VM with its IPv6 side (after its routing), its port security (true) holding its IPv6 address too. */
function vmWithIpv6(t: RawIpv6, vm: Vm): Vm {
  const raw = t.vms[vm.name];
  const ip = raw && vmIpv6(t, raw, vm.name);
  if (!raw || !ip) return vm;
  const mode = ipv6Mode(t, raw.switch);
  const router = ipv6RouterPort(t, raw.switch)?.port.ip6;
  const ipv6 = { ip, prefix: subnet6Of(t, raw.switch).prefix, mode, ...(mode === 'static' && router ? { gateway: canonical6(router) } : {}) };
  const portSecurity = raw.port_security === true ? { portSecurity: [[vmMac(raw, vm.name), raw.ip, ip].filter(Boolean).join(' ')] } : {};
  return placed(vm, { ipv6, ...portSecurity }, 'forwarding');
}

/** A host's static IPv6 address, with its switch's prefix, and its IPv6 gateway. */
function hostIpv6Of(t: RawIpv6, h: Host): Pick<Host, 'ip6' | 'prefix6' | 'gateway6'> {
  const raw = t.hosts[h.name];
  if (!raw) return {};
  return {
    ...(raw.ip6 !== undefined ? { ip6: canonical6(raw.ip6), prefix6: subnet6Of(t, proven(hostSwitch(t, raw.network, raw.ip), `host ${h.name} on no switch of its network`)).prefix } : {}),
    ...(raw.gateway6 !== undefined ? { gateway6: canonical6(raw.gateway6) } : {}),
  };
}
