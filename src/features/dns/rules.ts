import { parseIpv4 } from '../../topology/net.js';
import { canonical6, parseIpv6 } from '../../topology/net6.js';
import { specialAddressProblem } from '../../topology/special.js';
import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawDns } from './schema.js';

type Raw = RawCore & RawDns;

/** The targets of a name as written: one, or a list (with the path of each). */
export function targetsOf(value: string | string[]): { target: string; at: PropertyKey[] }[] {
  return typeof value === 'string' ? [{ target: value, at: [] }] : value.map((target, i) => ({ target, at: [i] }));
}

/** An address as written, canonical (IPv6 in its shortest form), or undefined when it is no address. */
export function addressOf(text: string): string | undefined {
  if (parseIpv4(text) !== undefined) return text;
  return parseIpv6(text) !== undefined ? canonical6(text) : undefined;
}

/**
 * Record sets: switches of this file, names OVN can answer (once per switch), targets that are a
 * VM, a host or an address outside the special blocks.
 */
export function checkDns(t: Raw, at: At): void {
  // Per logical switch: each name (lower case, as OVN keeps it), with the set that has it.
  const names = new Map<string, string>();
  for (const [set, rs] of Object.entries(t.dns)) {
    const path = ['dns', set];
    const served = rs.switches.filter((s, i) => {
      if (!(s in t.switches)) at([...path, 'switches', i], `unknown switch '${s}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`);
      else if (rs.switches.indexOf(s) !== i) at([...path, 'switches', i], `switch '${s}' is listed twice`);
      else return true;
      return false;
    });
    // One more subnet of a switch (on:) is that switch's: its VMs ask the same logical switch.
    const logical = [...new Set(served.map((s) => t.switches[s]?.on ?? s))];
    for (const [name, value] of Object.entries(rs.records)) {
      const key = name.toLowerCase();
      if (/\.(in-addr|ip6)\.arpa$/.test(key)) {
        at([...path, 'records', name], `${name} is a reverse name: write the forward name and its addresses, and reverse: true makes the PTR records`, true);
        continue;
      }
      for (const sw of logical) {
        const other = names.get(`${sw}/${key}`);
        if (other !== undefined) at([...path, 'records', name], `${name} is also a name of record set '${other}' on switch '${sw}': OVN would answer one of them at random; give each name once per switch`, true);
        else names.set(`${sw}/${key}`, set);
      }
      for (const { target, at: sub } of targetsOf(value)) {
        const where = [...path, 'records', name, ...sub];
        const addresses = addressesOf(t, target);
        if (addresses === undefined) {
          const known = [...Object.keys(t.vms), ...Object.keys(t.hosts)].join(', ') || 'none';
          at(where, `'${target}' is neither a VM or host of this file (${known}) nor an IPv4 or IPv6 address`);
          continue;
        }
        const special = addresses.map((a) => specialAddressProblem(a, 'DNS answer', 'give the address of a VM, a host or a server')).find(Boolean);
        if (special) at(where, special);
      }
    }
  }
}

/** The addresses a target means in the file (a VM's IPv6 one is decided later), or undefined when it names nothing. */
function addressesOf(t: Raw, target: string): string[] | undefined {
  const vm = t.vms[target];
  if (vm) return [vm.ip, vm.ip6].filter((a): a is string => a !== undefined).map((a) => addressOf(a) ?? a);
  const host = t.hosts[target];
  if (host) return [host.ip, host.ip6].filter((a): a is string => a !== undefined).map((a) => addressOf(a) ?? a);
  const address = addressOf(target);
  return address === undefined ? undefined : [address];
}
