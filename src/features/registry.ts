import type { z } from 'zod';
import type { Feature } from './feature.js';
import { links } from './links/index.js';
import { loadBalancers } from './load-balancers/index.js';
import { security } from './security/index.js';

/**
 * Every feature, in the order their NB configuration is written (after the core's switches, ports,
 * routers and security rules). A new feature is a folder and one line here.
 */
const FEATURES = [security, loadBalancers, links] as const;

/** The features as their common type, for the code that goes through them all. */
export const features: readonly Feature[] = FEATURES;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Merged = UnionToIntersection<(typeof FEATURES)[number]['shape']>;

/** Every feature's top-level keys, as one shape (the type of the file's schema, which places each feature's keys). */
export type FeatureShape = Merged & z.ZodRawShape;
