import * as z from 'zod';
import type { Lab, Vm } from '../model.js';
import { canonical6 } from '../net6.js';
import type { CheckProblem, CheckSpecKind } from './spec.js';
import { checkFields, ipv4Field, unknownName } from './fields.js';

const schema = z.strictObject({
  ...checkFields('dhcp'),
  vm: z.string().describe('the VM (or host, with an external port) whose lease is checked'),
  interface: z
    .string()
    .regex(/^eth0(\.\d{1,4})?$/, 'eth0 or eth0.<tag>')
    .default('eth0')
    .describe('eth0, or eth0.<tag> for a VLAN child port'),
  family: z
    .union([z.literal(4), z.literal(6)])
    .default(4)
    .describe('4: the DHCPv4 lease; 6: the DHCPv6 lease (dhclient -6) of a VM on a switch whose router port has ra: dhcpv6_stateful'),
  address: z
    .string()
    .regex(/^(\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-fA-F:]+)$/, 'an address, optionally with /prefix (IPv4), or an IPv6 address')
    .optional()
    .describe("leased address (default: the VM's ip and its switch's prefix; with family 6 its ip6)"),
  server_mac: z
    .string()
    .regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'a MAC in lower case like 02:ac:10:ff:01:29')
    .optional()
    .describe("family 6: the MAC in the server's DUID (OVN's DHCPv6 server_id)"),
  dns_server: z.string().optional().describe('the DNS server the lease names'),
  router: z
    .union([ipv4Field, z.literal('none')])
    .optional()
    .describe("router option in the lease ('none': the lease has no router option)"),
  lease_time: z.number().int().positive().optional().describe('lease time in seconds'),
  mtu: z
    .union([z.number().int().positive(), z.literal('none')])
    .optional()
    .describe("interface-mtu option in the lease ('none': the lease has none)"),
  server: ipv4Field.optional().describe('DHCP server identifier in the lease'),
  default_route: ipv4Field.optional().describe("gateway of the VM's default route"),
  renew: z.boolean().default(false).describe('ask for a lease again (dhclient -1) before looking, e.g. after a server was stopped'),
  expect: z.enum(['leased', 'none']).default('leased').describe('none: a fresh request (dhclient -1 with a throwaway lease file, 5 s) gets no answer at all; the VM keeps what it has'),
});
export type DhcpCheck = z.infer<typeof schema>;

/** What a dhcp check wants, with the address defaulted from the VM (or its VLAN child port). */
export function wanted(spec: DhcpCheck, lab: Lab) {
  const vm = lab.vms.find((v) => v.name === spec.vm) ?? lab.hosts.find((h) => h.name === spec.vm && h.dhcp);
  if (spec.family === 6 && vm && 'ipv6' in vm) return { ...spec, address: canonical6(spec.address ?? vm?.ipv6?.ip ?? '?') };
  const vlan = vm && 'vlans' in vm ? vm.vlans.find((v) => v.iface === spec.interface) : undefined;
  const configured = vlan ?? vm;
  const address = spec.address ?? (configured ? `${configured.ip}/${configured.prefix}` : '?');
  return { ...spec, address: address.includes('/') ? address : `${address}/${configured?.prefix ?? 32}` };
}

/** A DHCPv6 check's VM must lease its address by DHCPv6; fields only DHCPv4 has are refused. */
function dhcp6Problems(spec: DhcpCheck, vm: Vm): CheckProblem[] {
  const v4only = (['router', 'lease_time', 'mtu', 'server', 'default_route'] as const).find((k) => spec[k] !== undefined);
  if (v4only) return [{ field: v4only, message: `${v4only} is a DHCPv4 lease field; a DHCPv6 lease (family: 6) has address, server_mac and dns_server` }];
  if (spec.renew || spec.interface !== 'eth0') return [{ field: spec.renew ? 'renew' : 'interface', message: 'a DHCPv6 check looks at the lease of eth0 as it is' }];
  if (!vm.ipv6) return [{ field: 'family', message: `VM '${vm.name}' has no IPv6 address: its switch has no subnet6` }];
  if (vm.ipv6.mode !== 'dhcpv6') return [{ field: 'family', message: `VM '${vm.name}' does not lease its IPv6 address (${vm.ipv6.mode}); DHCPv6 addresses come with ra: dhcpv6_stateful on the router port` }];
  return [];
}

export const dhcpSpec: CheckSpecKind<DhcpCheck> = {
  kind: 'dhcp',
  summary: 'a VM obtained a DHCP lease with the expected address, router, lease time, MTU',
  schema,
  validate(spec, lab) {
    const host = lab.hosts.find((h) => h.name === spec.vm);
    if (host) return host.dhcp && spec.family === 4 && spec.interface === 'eth0' ? [] : [{ field: 'vm', message: `host '${host.name}' does not lease an address by DHCP (give it dhcp: true and an external_port)` }];
    const problem = unknownName(
      'VM',
      spec.vm,
      lab.vms.map((v) => v.name),
    );
    if (problem) return [{ field: 'vm', message: problem }];
    const vm = lab.vms.find((v) => v.name === spec.vm)!;
    if (spec.expect === 'none' && (spec.family === 6 || spec.address || spec.router || spec.lease_time || spec.mtu || spec.server || spec.default_route || spec.renew)) {
      return [{ field: 'expect', message: 'expect: none asks once and wants no answer; it takes no lease fields' }];
    }
    if (spec.family === 6) return dhcp6Problems(spec, vm);
    if (spec.server_mac !== undefined) return [{ field: 'server_mac', message: 'server_mac is the MAC in a DHCPv6 server DUID: it goes with family: 6 (for DHCPv4, use server)' }];
    if (spec.interface !== 'eth0') {
      const vlan = vm.vlans.find((v) => v.iface === spec.interface);
      if (!vlan) return [{ field: 'interface', message: `VM '${spec.vm}' has no ${spec.interface} (its VLANs: ${vm.vlans.map((v) => v.tag).join(', ') || 'none'})` }];
      return vlan.dhcp ? [] : [{ field: 'interface', message: `${spec.interface} of '${spec.vm}' does not use DHCP` }];
    }
    if (!vm.dhcp) return [{ field: 'vm', message: `VM '${spec.vm}' does not use DHCP (dhcp: false)` }];
    return [];
  },
  negative: (spec) => spec.expect === 'none',
  expected(spec, lab) {
    if (spec.expect === 'none') return `no answer to a DHCP request on ${spec.vm}'s ${spec.interface}`;
    const w = wanted(spec, lab);
    return (
      [
        `lease ${w.address}`,
        w.router && `router ${w.router}`,
        w.lease_time && `lease_time ${w.lease_time}`,
        w.mtu && `mtu ${w.mtu}`,
        w.server && `server ${w.server}`,
        w.default_route && `default via ${w.default_route}`,
        w.server_mac && `server DUID with MAC ${w.server_mac}`,
        w.dns_server && `dns ${w.dns_server}`,
      ]
        .filter(Boolean)
        .join(', ') + (w.renew ? ' (after asking again)' : '')
    );
  },
};
