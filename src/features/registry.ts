import type { z } from 'zod';
import type { Feature } from './feature.js';
import { loadBalancers } from './load-balancers/index.js';
import { localports } from './localports/index.js';
import { security } from './security/index.js';

/**
 * Every feature, in the order their rules run, they resolve and their NB configuration is written
 * (after the core's switches, or after its ports and routers: see northboundAfter). A new feature
 * is a folder and one line here.
 */
const FEATURES = [localports, security, loadBalancers] as const;

/** The features as their common type, for the code that goes through them all. */
export const features: readonly Feature[] = FEATURES;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Merged = UnionToIntersection<(typeof FEATURES)[number]['shape']>;

/** Every feature's top-level keys, as one shape (the type of the file's schema, which places each feature's keys). */
export type FeatureShape = Merged & z.ZodRawShape;
