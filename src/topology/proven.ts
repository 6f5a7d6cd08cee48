import { parseCidr, type Cidr } from './net.js';
import { parseCidr6 } from './net6.js';
import type { RawCore, RawSwitch } from './schema-core.js';

/**
 * What the rules proved, as a value: the rules ran before resolution, so a missing one is a rule
 * that let a bad file through, said as such (an internal error, never the user's).
 */
export function proven<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`internal error: the file's rules let through ${what}; please report it with the file`);
  return value;
}

/** A switch the rules proved exists. */
export function switchOf(t: RawCore, name: string): RawSwitch {
  return proven(t.switches[name], `switch '${name}', which does not exist`);
}

/** The IPv4 subnet of a switch the rules proved has one. */
export function subnetOf(t: RawCore, name: string): Cidr {
  return proven(parseCidr(switchOf(t, name).subnet ?? ''), `switch '${name}' without an IPv4 subnet`);
}

/** The IPv6 subnet of a switch the rules proved has one. */
export function subnet6Of(t: RawCore, name: string): { text: string; prefix: number } {
  return proven(parseCidr6(switchOf(t, name).subnet6 ?? ''), `switch '${name}' without an IPv6 subnet`);
}
