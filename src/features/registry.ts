import type { z } from 'zod';
import type { CoreObject, ObjectFields, RawCore } from '../topology/schema-core.js';
import { placed } from '../topology/placed.js';
import type { UnderlayNode } from '../topology/names.js';
import type { Feature } from './feature.js';
import { cluster } from './cluster/index.js';
import { dhcp } from './dhcp/index.js';
import { links } from './links/index.js';
import { dns } from './dns/index.js';
import { fdb } from './fdb/index.js';
import { gatewayHa } from './gateway-ha/index.js';
import { ipv6 } from './ipv6/index.js';
import { multicast } from './multicast/index.js';
import { loadBalancers } from './load-balancers/index.js';
import { localports } from './localports/index.js';
import { mirrors } from './mirrors/index.js';
import { providers } from './providers/index.js';
import { qos } from './qos/index.js';
import { routers } from './routers/index.js';
import { security } from './security/index.js';
import { services } from './services/index.js';

/**
 * Every feature, in the order their NB configuration is written (after the core's switches and
 * ports: routers first, what refers to their ports after them). A new feature is a folder and one
 * line here. IPv6 comes before the rest: its rules claim every port's IPv6 address first, and the
 * others resolve from the VMs' IPv6 addresses. Providers last: their rules, lines in the picture
 * and step of `up` come after the other features' placed alike, where the core had them.
 */
const FEATURES = [cluster, dhcp, ipv6, routers, links, localports, qos, security, services, loadBalancers, dns, gatewayHa, mirrors, multicast, fdb, providers] as const;

/** The features as their common type, for the code that goes through them all. */
export const features: readonly Feature[] = FEATURES;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Merged = UnionToIntersection<(typeof FEATURES)[number]['shape']>;

/** The core's top-level keys with every feature's, each where its feature places them (for the file's schema). */
export function withFeatureKeys<Shape extends z.ZodRawShape>(core: Shape): Shape & Merged {
  return FEATURES.reduce<z.ZodRawShape>((shape, f) => placed(shape, f.shape, anchor(f, 'file')), core) as Shape & Merged;
}

/** The fields features add to one of the core's objects (a switch, a VM, central…), in the registry's order. */
export function fieldsOf(object: CoreObject): ObjectFields[] {
  return features.flatMap((f) => [f.fields?.[object] ?? []].flat());
}

/** The nodes features add on the underlay (a clustered central's other members), in the registry's order. */
export function underlayNodesOf(t: RawCore): UnderlayNode[] {
  return features.flatMap((f) => f.underlayNodes?.(t) ?? []);
}

/** The key a feature's keys come after, in the file or in the lab. */
export function anchor(f: Feature, where: 'file' | 'lab'): string | undefined {
  return typeof f.keysAfter === 'string' ? f.keysAfter : f.keysAfter?.[where];
}
