import { parseCidr, specialBlock, type Cidr } from '../net.js';
import type { SchemaProblem } from '../schema-issues.js';
import type { RawTopology } from '../schema.js';
import { AddressBook } from './address-book.js';
import type { At } from './at.js';
import { checkIpv4Switch } from './ipv4-only.js';
import { checkSharedSwitches } from './shared-switches.js';
import { checkNodeNames } from './nodes.js';
import { checkServers } from './servers.js';
import { features, underlayNodesOf } from '../../features/registry.js';
import { checkUnderlay } from './underlay.js';
import { checkEngines } from './engines.js';
import { checkBuilds } from './builds.js';
import { checkVms } from './vms.js';

/**
 * Relations the schema cannot see: names unique and safe for iproute2, references that exist,
 * addresses inside their subnets and not taken twice. Runs before anything is created.
 */
export function ruleProblems(t: RawTopology): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const at: At = (path, message, atKey = false) => void problems.push({ path, atKey, message });
  const book = new AddressBook(at);

  const nodes = checkNodeNames(t, at, underlayNodesOf(t));
  checkEngines(t, at);
  checkBuilds(t, at);

  const underlay = parseCidr(t.underlay.subnet);
  const special = underlay && specialBlock(underlay);
  if (!underlay) at(['underlay', 'subnet'], `'${t.underlay.subnet}' is not a subnet (network address/prefix, like 192.168.100.0/24)`);
  else if (special) at(['underlay', 'subnet'], `${underlay.text} overlaps ${special}, where nodes cannot have addresses; use a private subnet like 192.168.100.0/24`);
  else checkUnderlay(t, underlay, at);

  const subnets = new Map<string, Cidr>();
  for (const [name, sw] of Object.entries(t.switches)) {
    if (sw.subnet === undefined) {
      if (sw.subnet6 === undefined) at(['switches', name], `switch '${name}' has no subnet: give it subnet (IPv4, like 10.0.0.0/24), subnet6 (IPv6, like fd00:10::/64) or both`, true);
      continue;
    }
    const cidr = parseCidr(sw.subnet);
    if (!cidr) {
      at(['switches', name, 'subnet'], `'${sw.subnet}' is not a subnet: write the network address and prefix, like 172.16.255.128/26`);
      continue;
    }
    const block = specialBlock(cidr);
    if (block) {
      at(['switches', name, 'subnet'], `${cidr.text} overlaps ${block}, where ports cannot have addresses; use a private subnet like 10.0.0.0/24`);
      continue;
    }
    subnets.set(name, cidr);
  }
  // Features that claim addresses before any port (a switch's DHCP server), in the registry's order.
  for (const f of features) if (f.rulesAfter === 'switches') f.rules?.(t, book, at, subnets, nodes);

  // What stays IPv4 only: VLAN child ports need an IPv4 switch (as localports and dnsmasq services do, in their rules).
  const needsV4: [PropertyKey[], string, string][] = [
    ...Object.entries(t.vms).flatMap(([n, vm]) => Object.entries(vm.vlans ?? {}).map(([tag, v]) => [['vms', n, 'vlans', tag, 'switch'], v.switch, 'a VLAN child port'] as [PropertyKey[], string, string])),
  ];
  for (const [path, sw, what] of needsV4) checkIpv4Switch(t, path, sw, what, at);
  checkVms(t, subnets, book, at);
  // Features whose ports claim their addresses before hosts' (IPv6: every IPv6 address; routers, localports, services), in the registry's order,
  // then providers' (the hosts on provider networks claim theirs).
  for (const f of features) if (f.rulesAfter === 'vms') f.rules?.(t, book, at, subnets, nodes);
  checkServers(t, at);
  for (const f of features) if (f.rulesAfter === undefined) f.rules?.(t, book, at, subnets, nodes);
  // What needs every other feature's objects checked (links: routes through their addresses).
  for (const f of features) if (f.rulesAfter === 'features') f.rules?.(t, book, at, subnets, nodes);
  checkSharedSwitches(t, at);
  return problems;
}
