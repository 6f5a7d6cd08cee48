import { centralNames, type Lab } from '../../topology/model.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { Mirror } from './model.js';
import type { RawMirrors } from './schema.js';

/** The lab's mirrors: the sink's underlay address, each VM's logical switch port. */
export function resolveMirrors(t: RawCore & RawMirrors, lab: Lab): Mirror[] {
  return Object.entries(t.mirrors).map(([name, m]) => ({
    name,
    // The rules refused local: what is left is a tunnel.
    type: m.type === 'erspan' ? 'erspan' : 'gre',
    index: m.index,
    filter: m.filter,
    sink: m.sink,
    sinkIp: underlayAddress(lab, m.sink),
    ports: m.vms.map((vm) => ({ vm, port: lab.vms.find((v) => v.name === vm)?.port ?? vm })),
  }));
}

/** A chassis' tunnel address or a central member's address. */
function underlayAddress(lab: Lab, node: string): string {
  const chassis = lab.chassis.find((c) => c.name === node);
  if (chassis) return chassis.ip;
  const member = lab.central.members?.find((m) => m.name === node);
  return member?.ip ?? (centralNames(lab).includes(node) ? lab.central.ip : node);
}
