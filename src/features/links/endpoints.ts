import type { RawCore } from '../../topology/schema-core.js';
import type { RawLinks } from './schema.js';

/** A link endpoint as written, NODE:INTERFACE, split; undefined when it is not of that form. */
export function parseEndpoint(text: string): { node: string; iface: string } | undefined {
  const m = /^([A-Za-z][A-Za-z0-9_-]*):([A-Za-z][A-Za-z0-9_.-]{0,14})$/.exec(text);
  return m ? { node: m[1]!, iface: m[2]! } : undefined;
}

/**
 * The chassis each namespace lives on where the runtime places namespaces inside chassis (docker):
 * that of the VM it is linked to, directly or through other namespaces. A veth joins two
 * namespaces of one machine, so a namespace reached from VMs on two chassis gets both (an error).
 */
export function namespacePlacement(t: RawCore & RawLinks): Map<string, Set<string>> {
  const placed = new Map<string, Set<string>>(Object.keys(t.namespaces).map((n) => [n, new Set<string>()]));
  const chassisOf = (node: string) => t.vms[node]?.chassis;
  for (let changed = true; changed;) {
    changed = false;
    for (const link of t.links) {
      const [a, b] = link.endpoints.map((e) => parseEndpoint(e)?.node);
      for (const [from, to] of [
        [a, b],
        [b, a],
      ] as const) {
        const target = to !== undefined ? placed.get(to) : undefined;
        if (!target || from === undefined) continue;
        const sources = chassisOf(from) !== undefined ? [chassisOf(from)!] : [...(placed.get(from) ?? [])];
        for (const c of sources) {
          if (target.has(c)) continue;
          target.add(c);
          changed = true;
        }
      }
    }
  }
  return placed;
}
