import type { z } from 'zod';
import type { Lab } from '../topology/model.js';
import type { AddressBook } from '../topology/rules/address-book.js';
import type { At } from '../topology/rules/at.js';
import type { RawCore } from '../topology/schema-core.js';
import type { CheckRegistration } from '../topology/checks/spec.js';

/** A topology file as a feature's rules and resolution see it: the core keys and the feature's own. */
type RawWith<Shape extends z.ZodRawShape> = RawCore & z.infer<z.ZodObject<Shape>>;

/** Adds one ovn-nbctl command (its words) to the current unit of the NB configuration. */
export type NbCommand = (...words: string[]) => void;

/** What a feature draws: nodes of a kind the picture knows, and lines between node ids. */
export interface GraphDraw {
  id(kind: string, name: string): string;
  node(kind: 'lb' | 'portgroup', name: string, label: string[]): void;
  edge(from: string, to: string, label: string, style: 'logical' | 'wire'): void;
}

/**
 * One OVN concept the file knows (load balancers, …), whole in its folder under src/features/: its
 * part of the file format, its rules, how it resolves into the lab, its northbound configuration
 * and what a picture shows of it. Registered with one line in src/features/registry.ts; the
 * loader, `up`, `lab script` and `lab graph` go through every registered feature.
 */
export interface Feature<Shape extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  /** The top-level keys it adds to topology files. */
  shape: Shape;
  /** Relations its schema cannot see, after the core's rules (the address book knows every port's address). */
  rules?(t: RawWith<Shape>, book: AddressBook, at: At): void;
  /** Its part of the lab, from the checked file and the core of the lab resolved before it. */
  resolve(t: RawWith<Shape>, lab: Lab): Partial<Lab>;
  /** Its NB configuration: each call of `unit` starts a unit of commands that stay in one transaction. */
  northbound?(lab: Lab, unit: () => NbCommand): void;
  /** What `lab graph` draws of it. */
  graph?(lab: Lab, draw: GraphDraw): void;
  /** Its check kinds, each a spec and the probe that tries it (loaded when such a check runs). */
  checks?: CheckRegistration<any>[];
}

/** A feature, its types checked against its own shape. */
export function defineFeature<Shape extends z.ZodRawShape>(feature: Feature<Shape>): Feature<Shape> {
  return feature;
}
