import { matchReferences } from '../../topology/match-refs.js';
import { parseCidr, parseIpv4 } from '../../topology/net.js';
import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawLocalports } from '../localports/schema.js';
import type { RawQos } from '../qos/schema.js';
import type { RawSecurity } from './schema.js';

/** A file as port groups see it: with localports when that feature is there. */
type Raw = RawCore & Partial<RawLocalports>;

/** The logical port a port group member names: a VM's, a host's external port, or a port by name. */
export function memberPort(t: Raw, member: string): string | undefined {
  const vm = t.vms[member];
  if (vm) return vm.port ?? `${vm.switch}-${member}`;
  const host = t.hosts[member];
  if (host?.external_port) return `${host.external_port.switch}-${member}`;
  return knownPorts(t).includes(member) ? member : undefined;
}

/** Logical ports of VMs (and their VLAN children) and localports, by name. */
function knownPorts(t: Raw): string[] {
  return [
    ...Object.entries(t.vms).flatMap(([n, v]) => [v.port ?? `${v.switch}-${n}`, ...Object.entries(v.vlans ?? {}).map(([tag, c]) => `${c.switch}-${n}-${tag}`)]),
    ...Object.entries(t.localports ?? {}).map(([n, lp]) => `${lp.switch}-${n}`),
  ];
}

/** Port groups of ports that exist, address sets of addresses, ACLs on what exists and naming groups and sets that do. */
export function checkSecurity(t: RawCore & RawSecurity & Partial<Pick<RawQos, 'meters'>>, at: At): void {
  for (const [name, pg] of Object.entries(t.port_groups)) {
    pg.members.forEach((m, i) => {
      if (!memberPort(t, m)) {
        at(['port_groups', name, 'members', i], `unknown member '${m}': a VM, a host with an external_port, or a logical port of this lab (${[...Object.keys(t.vms), ...knownPorts(t)].join(', ') || 'none'})`);
      }
    });
  }
  for (const [name, set] of Object.entries(t.address_sets)) {
    set.addresses.forEach((a, i) => {
      const ok = a.includes('/') ? parseCidr(a) : parseIpv4(a);
      if (ok === undefined) at(['address_sets', name, 'addresses', i], `'${a}' is neither an IPv4 address nor a subnet (network address/prefix)`);
    });
  }
  const groups = Object.keys(t.port_groups);
  // OVN makes <group>_ip4 and <group>_ip6 address sets of every port group's addresses.
  const sets = [...Object.keys(t.address_sets), ...groups.flatMap((g) => [`${g}_ip4`, `${g}_ip6`])];
  t.acls.forEach((acl, i) => {
    const path = ['acls', i];
    if ((acl.switch === undefined) === (acl.port_group === undefined)) at(path, 'an ACL is on exactly one of: switch, port_group', false);
    if (acl.switch !== undefined && !(acl.switch in t.switches)) at([...path, 'switch'], `unknown switch '${acl.switch}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
    if (acl.port_group !== undefined && !groups.includes(acl.port_group)) at([...path, 'port_group'], `unknown port group '${acl.port_group}' (port groups in this file: ${groups.join(', ') || 'none; add a port_groups section'})`);
    const refs = matchReferences(acl.match);
    for (const g of refs.groups) if (!groups.includes(g)) at([...path, 'match'], `@${g} is not a port group of this file (port groups: ${groups.join(', ') || 'none'})`);
    for (const s of refs.sets) if (!sets.includes(s)) at([...path, 'match'], `$${s} is not an address set of this file (address sets: ${sets.join(', ') || 'none'}; every port group g also has $g_ip4)`);
    const meter = typeof acl.log === 'object' ? acl.log.meter : undefined;
    const meters = Object.keys(t.meters ?? {});
    if (meter !== undefined && !meters.includes(meter)) {
      at([...path, 'log', 'meter'], `unknown meter '${meter}' (meters in this file: ${meters.join(', ') || 'none'}): define it under meters:, e.g. meters: { ${meter}: { rate: 10, unit: pktps } }`);
    }
  });
}
