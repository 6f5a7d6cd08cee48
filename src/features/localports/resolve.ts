import type { Vm } from '../../topology/model.js';
import { portMac, staticNode } from '../../topology/ports.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { LocalPort } from './model.js';
import type { RawLocalports } from './schema.js';

type Raw = RawCore & RawLocalports;

/** The lab's localports: each one logical port, with its address and MAC. */
export function resolveLocalports(t: Raw): LocalPort[] {
  return Object.entries(t.localports).map(([name, lp]) => ({ name, switch: lp.switch, port: `${lp.switch}-${name}`, ip: lp.ip, mac: portMac(lp.mac, lp.ip) }));
}

/** The name of a localport's instance on one chassis. */
export function localportInstance(localport: string, chassis: string): string {
  return `${localport}-${chassis}`;
}

/** One namespace per chassis for each localport, all bound to the localport's one port. */
export function localportInstances(t: Raw): Vm[] {
  return Object.entries(t.localports).flatMap(([name, lp]) => (lp.chassis ?? Object.keys(t.chassis)).map((chassis) => staticNode(t, name, { ...lp, chassis, name: localportInstance(name, chassis) }, { localport: name })));
}
