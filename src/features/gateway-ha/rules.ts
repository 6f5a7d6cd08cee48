import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { RawRouters } from '../routers/schema.js';
import type { RawGatewayHa } from './schema.js';

type Raw = RawCore & RawRouters & RawGatewayHa;

/** Every router port of the file by name (as written, or <router>-<switch>), with its router and switch. */
function routerPorts(t: Raw): Map<string, { router: string; switch: string; gatewayChassis: boolean }> {
  const found = new Map<string, { router: string; switch: string; gatewayChassis: boolean }>();
  for (const [router, r] of Object.entries(t.routers)) for (const p of r.ports) found.set(p.name ?? `${router}-${p.switch}`, { router, switch: p.switch, gatewayChassis: p.gateway_chassis !== undefined });
  return found;
}

/**
 * HA chassis groups: chassis of this file, each priority once (OVN would pick between equals by
 * itself), chassis that map the provider network of the switch the port is on; ports that are
 * router ports of this file, in one group, without gateway_chassis too.
 */
export function checkGatewayHa(t: Raw, at: At): void {
  const ports = routerPorts(t);
  const served = new Map<string, string>();
  for (const [name, g] of Object.entries(t.ha_chassis_groups)) {
    const path = ['ha_chassis_groups', name];
    const priorities = new Map<number, string>();
    for (const [c, priority] of Object.entries(g.chassis)) {
      if (!(c in t.chassis)) at([...path, 'chassis', c], `unknown chassis '${c}' (chassis in this file: ${Object.keys(t.chassis).join(', ')})`);
      const other = priorities.get(priority);
      if (other !== undefined) at([...path, 'chassis', c], `priority ${priority} is also ${other}'s: give each chassis its own, or which one is active is OVN's choice`);
      priorities.set(priority, c);
    }
    g.ports.forEach((p, i) => {
      const port = ports.get(p);
      if (!port) return at([...path, 'ports', i], `unknown router port '${p}' (router ports in this file: ${[...ports.keys()].join(', ') || 'none'})`);
      if (port.gatewayChassis) return at([...path, 'ports', i], `router port '${p}' has gateway_chassis already: a gateway port takes one of gateway_chassis and an HA chassis group`);
      const first = served.get(p);
      if (first !== undefined) return at([...path, 'ports', i], `router port '${p}' is in HA chassis group '${first}' already: a port has one group`);
      served.set(p, name);
      const network = t.switches[port.switch]?.provider;
      if (network === undefined) return;
      for (const c of Object.keys(g.chassis))
        if (c in t.chassis && !t.chassis[c]?.bridge_mappings?.[network])
          at([...path, 'chassis', c], `chassis ${c} has no bridge mapping for network '${network}' (the provider network of ${p}'s switch ${port.switch}), so it cannot be that port's gateway`);
    });
  }
}
