import { z } from 'zod';
import type { Lab } from '../model.js';
import type { CheckSpecKind } from './spec.js';
import { checkFields, ipv4Field, unknownName } from './fields.js';

const schema = z.strictObject({
  ...checkFields('dhcp'),
  vm: z.string().describe('the VM whose lease is checked'),
  interface: z.string().regex(/^eth0(\.\d{1,4})?$/, 'eth0 or eth0.<tag>').default('eth0').describe('eth0, or eth0.<tag> for a VLAN child port'),
  address: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/, 'an address, optionally with /prefix').optional()
    .describe("leased address (default: the VM's ip and its switch's prefix)"),
  router: z.union([ipv4Field, z.literal('none')]).optional().describe("router option in the lease ('none': the lease has no router option)"),
  lease_time: z.number().int().positive().optional().describe('lease time in seconds'),
  mtu: z.number().int().positive().optional().describe('interface-mtu option in the lease'),
  server: ipv4Field.optional().describe('DHCP server identifier in the lease'),
  default_route: ipv4Field.optional().describe("gateway of the VM's default route"),
  renew: z.boolean().default(false).describe('ask for a lease again (dhclient -1) before looking, e.g. after a server was stopped'),
});
export type DhcpCheck = z.infer<typeof schema>;

/** What a dhcp check wants, with the address defaulted from the VM (or its VLAN child port). */
export function wanted(spec: DhcpCheck, lab: Lab) {
  const vm = lab.vms.find((v) => v.name === spec.vm);
  const vlan = vm?.vlans.find((v) => v.iface === spec.interface);
  const configured = vlan ?? vm;
  const address = spec.address ?? (configured ? `${configured.ip}/${configured.prefix}` : '?');
  return { ...spec, address: address.includes('/') ? address : `${address}/${configured?.prefix ?? 32}` };
}

export const dhcpSpec: CheckSpecKind<DhcpCheck> = {
  kind: 'dhcp',
  summary: 'a VM obtained a DHCP lease with the expected address, router, lease time, MTU',
  schema,
  validate(spec, lab) {
    const problem = unknownName('VM', spec.vm, lab.vms.map((v) => v.name));
    if (problem) return [{ field: 'vm', message: problem }];
    const vm = lab.vms.find((v) => v.name === spec.vm)!;
    if (spec.interface !== 'eth0') {
      const vlan = vm.vlans.find((v) => v.iface === spec.interface);
      if (!vlan) return [{ field: 'interface', message: `VM '${spec.vm}' has no ${spec.interface} (its VLANs: ${vm.vlans.map((v) => v.tag).join(', ') || 'none'})` }];
      return vlan.dhcp ? [] : [{ field: 'interface', message: `${spec.interface} of '${spec.vm}' does not use DHCP` }];
    }
    if (!vm.dhcp) return [{ field: 'vm', message: `VM '${spec.vm}' does not use DHCP (dhcp: false)` }];
    return [];
  },
  negative: () => false,
  expected(spec, lab) {
    const w = wanted(spec, lab);
    return [
      `lease ${w.address}`,
      w.router && `router ${w.router}`,
      w.lease_time && `lease_time ${w.lease_time}`,
      w.mtu && `mtu ${w.mtu}`,
      w.server && `server ${w.server}`,
      w.default_route && `default via ${w.default_route}`,
    ].filter(Boolean).join(', ') + (w.renew ? ' (after asking again)' : '');
  },
};
