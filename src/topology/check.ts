import { parseCidr, parseIpv4, inCidr, type Cidr } from './net.js';
import type { SchemaProblem } from './schema-issues.js';
import type { RawTopology } from './schema.js';
import type { At } from './rules/at.js';
import { checkLocalports } from './rules/localports.js';
import { checkNodeNames } from './rules/nodes.js';
import { checkProviderNetworks } from './rules/providers.js';
import { checkRouters } from './rules/routers.js';
import { checkServices } from './rules/services.js';
import { checkUnderlay } from './rules/underlay.js';
import { checkVms } from './rules/vms.js';

/**
 * Relations the schema cannot see: names unique and safe for iproute2, references that exist,
 * addresses inside their subnets and not taken twice. Runs before anything is created.
 */
export function checkTopology(t: RawTopology): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const at: At = (path, message, atKey = false) => void problems.push({ path, atKey, message });

  checkNodeNames(t, at);

  const underlay = parseCidr(t.underlay.subnet);
  if (!underlay) at(['underlay', 'subnet'], `'${t.underlay.subnet}' is not a subnet (network address/prefix, like 192.168.100.0/24)`);
  else checkUnderlay(t, underlay, at);

  const subnets = new Map<string, Cidr>();
  for (const [name, sw] of Object.entries(t.switches)) {
    const cidr = parseCidr(sw.subnet);
    if (!cidr) {
      at(['switches', name, 'subnet'], `'${sw.subnet}' is not a subnet: write the network address and prefix, like 172.16.255.128/26`);
      continue;
    }
    subnets.set(name, cidr);
    for (const key of ['server_id', 'router', 'dns_server'] as const) {
      const value = sw.dhcp?.[key];
      if (value === undefined) continue;
      const ip = parseIpv4(value);
      if (ip === undefined) at(['switches', name, 'dhcp', key], `'${value}' is not an IPv4 address`);
      else if (key !== 'dns_server' && !inCidr(ip, cidr)) at(['switches', name, 'dhcp', key], `${value} is outside the switch subnet ${cidr.text}`);
    }
  }

  checkVms(t, subnets, at);
  checkRouters(t, subnets, at);
  checkLocalports(t, subnets, at);
  checkServices(t, subnets, at);
  checkProviderNetworks(t, at);
  return problems;
}
