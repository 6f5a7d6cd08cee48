import type { RawCore } from '../../topology/schema-core.js';
import type { Acl, AddressSet, PortGroup } from './model.js';
import { memberPort } from './rules.js';
import type { RawAcl, RawSecurity } from './schema.js';

/** Port groups of logical ports, address sets, ACLs, as the lab has them. */
export function resolveSecurity(t: RawCore & RawSecurity): { portGroups: PortGroup[]; addressSets: AddressSet[]; acls: Acl[] } {
  return {
    // The rules refused a member that names no port.
    portGroups: Object.entries(t.port_groups).map(([name, pg]) => ({ name, ports: pg.members.map((m) => memberPort(t, m) ?? m) })),
    addressSets: Object.entries(t.address_sets).map(([name, set]) => ({ name, addresses: set.addresses })),
    acls: t.acls.map(resolveAcl),
  };
}

/** An ACL as written as the model has it (also for the ACLs a `step` adds). */
export function resolveAcl(a: RawAcl): Acl {
  return {
    on: a.switch !== undefined ? { switch: a.switch } : { portGroup: a.port_group ?? '' },
    direction: a.direction,
    priority: a.priority,
    match: a.match,
    action: a.action,
    ...(a.log ? { log: a.log === true ? {} : a.log } : {}),
    ...(a.label !== undefined ? { label: a.label } : {}),
    ...(a.after_lb ? { afterLb: true } : {}),
  };
}
