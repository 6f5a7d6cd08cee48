import type { Lab } from '../../topology/model.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { HaChassisGroup } from './model.js';
import type { RawGatewayHa } from './schema.js';

/** The lab's HA chassis groups (chassis highest priority first) and its BFD options, each only when the file has them. */
export function resolveGatewayHa(t: RawCore & RawGatewayHa): Partial<Lab> {
  const groups: HaChassisGroup[] = Object.entries(t.ha_chassis_groups).map(([name, g]) => ({
    name,
    chassis: Object.entries(g.chassis)
      .map(([c, priority]) => ({ name: c, priority }))
      .sort((a, b) => b.priority - a.priority),
    ports: g.ports,
  }));
  const bfd = Object.fromEntries(Object.entries(t.bfd ?? {}).map(([k, v]) => [`bfd-${k.replace(/_/g, '-')}`, String(v)]));
  return { ...(groups.length ? { haChassisGroups: groups } : {}), ...(Object.keys(bfd).length ? { bfd } : {}) };
}

/**
 * Every gateway port of a lab (a router port on several chassis, or one), with its chassis highest
 * priority first: by gateway_chassis, in the order written, or by an HA chassis group.
 */
export function gatewayPorts(lab: Lab): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const r of lab.routers) for (const p of r.ports) if (p.gatewayChassis) found.set(p.name, p.gatewayChassis);
  for (const g of lab.haChassisGroups ?? [])
    for (const p of g.ports)
      found.set(
        p,
        g.chassis.map((c) => c.name),
      );
  return found;
}
