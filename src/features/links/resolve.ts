import type { Lab } from '../../topology/model.js';
import { servers } from '../../topology/ports.js';
import { proven } from '../../topology/proven.js';
import type { RawCore } from '../../topology/schema-core.js';
import { namespacePlacement, parseEndpoint } from './endpoints.js';
import type { RawLinks } from './schema.js';

/** Plain namespaces (each on the chassis of what it links to) and the links outside OVN. */
export function resolveLinks(t: RawCore & RawLinks): Pick<Lab, 'namespaces' | 'links'> {
  const placement = namespacePlacement(t);
  const firstChassis = proven(Object.keys(t.chassis)[0], 'a lab without chassis');
  return {
    namespaces: Object.entries(t.namespaces).map(([name, ns]) => ({
      name,
      chassis: [...(placement.get(name) ?? [])][0] ?? firstChassis,
      routes: ns?.routes ?? [],
      forwarding: ns?.forwarding ?? false,
      servers: servers(ns?.servers ?? []),
    })),
    links: t.links.map((l) => ({
      ends: l.endpoints.map((e, i) => ({ ...proven(parseEndpoint(e), `link end '${e}'`), ...(l.addresses?.[i] ? { address: l.addresses[i] } : {}) })) as Lab['links'][number]['ends'],
      mtu: l.mtu,
    })),
  };
}
