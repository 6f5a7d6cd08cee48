import { logicalSwitchOf, type Lab } from '../../topology/model.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { DnsRecordSet } from './model.js';
import { addressOf, targetsOf } from './rules.js';
import type { RawDns } from './schema.js';

/** The lab's record sets: targets as addresses (a VM's IPv4 and IPv6 ones, SLAAC's included), reverse records added. */
export function resolveDns(t: RawCore & RawDns, lab: Lab): DnsRecordSet[] {
  return Object.entries(t.dns).map(([name, rs]) => {
    const records: Record<string, string> = {};
    const reverse: Record<string, string> = {};
    for (const [host, value] of Object.entries(rs.records)) {
      const addresses = [...new Set(targetsOf(value).flatMap(({ target }) => addressesIn(lab, target)))];
      records[host] = addresses.join(' ');
      if (rs.reverse) for (const a of addresses) reverse[reverseName(a)] ??= host;
    }
    return { name, switches: [...new Set(rs.switches.map((s) => logicalSwitchOf(lab, s)))], records: { ...records, ...reverse }, ovnOwned: rs.ovn_owned };
  });
}

/** What a target resolves to in the lab: a VM's or host's addresses (IPv4 first), or the address itself. */
function addressesIn(lab: Lab, target: string): string[] {
  const vm = lab.vms.find((v) => v.name === target);
  const host = lab.hosts.find((h) => h.name === target);
  const found = vm ? [vm.ip, vm.ipv6?.ip] : host ? [host.ip, host.ip6] : [target];
  return found.flatMap((a) => (a === undefined ? [] : [addressOf(a) ?? a]));
}

/** The name a reverse lookup asks for: 12.0.70.10.in-addr.arpa, or the nibbles of an IPv6 address under ip6.arpa. */
export function reverseName(address: string): string {
  if (!address.includes(':')) return `${address.split('.').reverse().join('.')}.in-addr.arpa`;
  const [head = '', tail = ''] = address.split('::');
  const groups = (s: string) => (s ? s.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const full = [...groups(head), ...Array<string>(address.includes('::') ? missing : 0).fill('0'), ...groups(tail)];
  return `${[...full.map((g) => g.padStart(4, '0')).join('')].reverse().join('.')}.ip6.arpa`;
}
