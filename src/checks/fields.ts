import { z } from 'zod';
import type { Lab } from '../topology/model.js';
import { parseIpv4 } from '../topology/net.js';

/** Fields every check kind's schema starts with. */
export function checkFields<K extends string>(kind: K) {
  return {
    name: z.string().min(1).describe('what the check proves, shown in reports'),
    kind: z.literal(kind),
    timeout: z.number().positive().max(600).optional().describe('seconds to keep trying (or, for negative checks, to wait out)'),
  };
}

export const ipv4Field = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address like 172.16.255.130');

/** Names of all nodes of a lab: central, chassis, VMs. */
export function nodeNames(lab: Lab): string[] {
  return [lab.central.name, ...lab.chassis.map((c) => c.name), ...lab.vms.map((v) => v.name), ...lab.hosts.map((h) => h.name)];
}

/** A problem when `name` is not one of `names`, listing them. */
export function unknownName(what: string, name: string, names: string[]): string | undefined {
  return names.includes(name) ? undefined : `unknown ${what} '${name}' (${what}s in this lab: ${names.join(', ') || 'none'})`;
}

/** The address a check target means: a VM's or host's address by its name, or an IPv4 address as written. */
export function targetAddress(lab: Lab, to: string): string | undefined {
  const node = lab.vms.find((v) => v.name === to) ?? lab.hosts.find((h) => h.name === to);
  if (node) return node.ip;
  return parseIpv4(to) !== undefined ? to : undefined;
}
