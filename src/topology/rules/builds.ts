import { RUNTIME_TRAITS } from '../model.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

/** Build trees (`ovn:`, `ovs:`) run on the netns runtime: a docker lab naming one is refused at the key. */
export function checkBuilds(t: RawTopology, at: At): void {
  if (RUNTIME_TRAITS[t.runtime].buildTrees) return;
  const named: [PropertyKey[], { ovn?: string; ovs?: string } | null | undefined][] = [[[], t], [['central'], t.central], ...Object.entries(t.chassis).map(([n, c]): [PropertyKey[], typeof c] => [['chassis', n], c])];
  for (const [path, o] of named) {
    for (const key of ['ovn', 'ovs'] as const) {
      if (o?.[key] !== undefined) at([...path, key], `${key}: a build tree runs on the netns runtime, and this lab's runtime is docker; use 'runtime: netns' (or a release: on docker)`, true);
    }
  }
}
