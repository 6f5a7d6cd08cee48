import { dirname, isAbsolute, resolve } from 'node:path';
import type { Build, Lab } from './model.js';
import type { RawTopology } from './schema.js';

type Where = (path: PropertyKey[]) => { file: string; line: number; column: number };

/** The `ovn:`/`ovs:` of one object of the file as a {@link Build}: paths relative to the file made absolute. */
function buildAt(lab: Lab, raw: { ovn?: string; ovs?: string } | null | undefined, path: PropertyKey[], where: Where): Build | undefined {
  if (!raw?.ovn && !raw?.ovs) return undefined;
  const dir = (p: string) => (isAbsolute(p) || !lab.file ? p : resolve(dirname(lab.file), p));
  const tree = (key: 'ovn' | 'ovs') => (raw[key] ? { [key]: { dir: dir(raw[key]), at: where([...path, key]) } } : {});
  return { ...tree('ovn'), ...tree('ovs') };
}

/**
 * The build trees a file names (`ovn:`, `ovs:`), for the lab, central and each chassis, each
 * with where it is written. Whether they are built is seen when the lab comes up on netns.
 */
export function resolveBuilds(lab: Lab, t: RawTopology, where: Where): Lab {
  const build = buildAt(lab, t, [], where);
  const central = buildAt(lab, t.central, ['central'], where);
  return {
    ...lab,
    ...(build ? { build } : {}),
    central: { ...lab.central, ...(central ? { build: central } : {}) },
    chassis: lab.chassis.map((c) => {
      const own = buildAt(lab, t.chassis[c.name], ['chassis', c.name], where);
      return own ? { ...c, build: own } : c;
    }),
  };
}
