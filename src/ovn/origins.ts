import { nodeOrigin, type Origin } from '../topology/builds.js';
import { buildOf, centralNames } from '../topology/model.js';
import type { LabContext } from './lab-context.js';
import { nodeVersions } from './queries.js';

/** Where a central's or chassis' OVN and OVS come from, with the versions it runs. */
export interface NodeOrigin {
  node: string;
  ovn: Origin;
  ovs: Origin;
}

/**
 * Every central's and chassis' origins (a build tree with its version and commit, or a release's
 * packages). Nodes on the same trees or packages run the same programs: one of them is asked.
 */
export async function labOrigins(ctx: LabContext): Promise<NodeOrigin[]> {
  const nodes = [...centralNames(ctx.lab), ...ctx.lab.chassis.map((c) => c.name)];
  const asked = new Map<string, Promise<{ ovn: string; ovs: string }>>();
  return Promise.all(
    nodes.map(async (node) => {
      const build = buildOf(ctx.lab, node);
      const release = ctx.runtime.packagesRelease?.(node);
      const key = `${build?.ovn?.dir ?? '-'}\0${build?.ovs?.dir ?? '-'}\0${release ?? '-'}`;
      if (!asked.has(key)) asked.set(key, nodeVersions(ctx.node(node)));
      return { node, ...nodeOrigin(build, await asked.get(key)!, release) };
    }),
  );
}
