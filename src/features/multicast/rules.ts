import { parseIpv4 } from '../../topology/net.js';
import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawMulticast } from './schema.js';

type Raw = RawCore & RawMulticast;

/**
 * Why OVN would not snoop a group, or undefined: only 224.0.0.0/4 is multicast, and OVN floods the
 * link-local block 224.0.0.0/24 (IGMP itself, OSPF, mDNS…) to every port whatever joined (which
 * traffic to it may show: `allowed`).
 */
export function groupProblem(group: string, linkLocal: 'refused' | 'allowed' = 'refused'): string | undefined {
  const n = parseIpv4(group);
  if (n === undefined) return undefined;
  if (n >>> 28 !== 0xe) return `${group} is not a multicast group address: give one in 224.0.0.0/4, like 239.1.1.1`;
  if (linkLocal === 'refused' && n >>> 8 === 0xe00000) return `${group} is link-local multicast (224.0.0.0/24), which OVN floods to every port without snooping: give a group like 239.1.1.1`;
  return undefined;
}

/**
 * Snooping switches: switches of this file (the logical ones, not one more subnet of another),
 * a querier with the source addresses it needs, groups OVN snoops, members that are VMs of the switch.
 */
export function checkMulticast(t: Raw, at: At): void {
  for (const [sw, s] of Object.entries(t.multicast)) {
    const path = ['multicast', sw];
    const declared = t.switches[sw];
    if (!declared) {
      at(path, `unknown switch '${sw}' (switches in this file: ${Object.keys(t.switches).join(', ') || 'none'})`, true);
      continue;
    }
    if (declared.on !== undefined) at(path, `'${sw}' is one more subnet of switch '${declared.on}': snooping is the logical switch's, write it under '${declared.on}'`, true);
    if (s.querier === true && (s.eth_src === undefined || s.ip4_src === undefined)) {
      at([...path, 'querier'], 'a querier needs eth_src and ip4_src (the source of its queries): OVN sends no IGMP query without them', true);
    }
    if (!s.snoop && Object.keys(s).some((k) => k !== 'snoop' && k !== 'groups' && s[k as keyof typeof s] !== undefined)) {
      at([...path, 'snoop'], 'the other mcast_ settings apply only with snoop: true', true);
    }
    for (const [group, members] of Object.entries(s.groups)) {
      const problem = groupProblem(group);
      if (problem) at([...path, 'groups', group], problem, true);
      members.forEach((vm, i) => {
        const where = [...path, 'groups', group, i];
        const v = t.vms[vm];
        if (!v) at(where, `unknown VM '${vm}' (VMs in this file: ${Object.keys(t.vms).join(', ') || 'none'})`);
        else if ((t.switches[v.switch]?.on ?? v.switch) !== sw) at(where, `${vm} is on switch '${v.switch}', not '${sw}': a VM joins groups on its own switch`);
        else if (members.indexOf(vm) !== i) at(where, `${vm} is listed twice`);
      });
    }
  }
}
