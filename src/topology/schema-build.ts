import * as z from 'zod';

/**
 * The keys that run a node's OVN and OVS from build trees instead of packages (netns runtime):
 * `ovn:` and `ovs:`, for the whole lab, for central, or for one chassis, so that an upgrade mix
 * (central on one OVN, chassis on another) is one file. The trees themselves are looked at when
 * the lab is brought up (src/runtime/netns/build-trees.ts), not when the file is read.
 */

/** A directory as a file names it: absolute, or relative to the file. */
function treePath(what: string) {
  return z
    .string()
    .min(1)
    .refine((p) => !p.startsWith('~'), { error: `'~' is not expanded here: write the ${what} tree's path in full (like /home/me/${what.toLowerCase()}) or relative to this file` })
    .refine((p) => !/[\0\n\r]/.test(p), { error: `the path of a ${what} tree cannot hold a line break or NUL` });
}

const OVN_RUNS = 'ovn-northd, ovn-controller, the ovn-* tools and the NB/SB schemas';
const OVS_RUNS = 'ovsdb-server, ovs-vswitchd, the ovs-* tools and the vswitch schema';

/** `ovn:` and `ovs:` of the whole lab (every central and chassis without its own). */
export const labBuildShape = {
  ovn: treePath('OVN')
    .optional()
    .describe(`netns runtime: run ${OVN_RUNS} of central and every chassis from this OVN tree, built with its own ./configure && make and not installed (path relative to this file); default: this machine's packages`),
  ovs: treePath('OVS').optional().describe(`netns runtime: run ${OVS_RUNS} from this built OVS tree; default: with ovn, the OVS tree that OVN was built against (its ovs submodule), else this machine's packages`),
};

/** `ovn:` and `ovs:` of central or one chassis: a node naming either takes neither from the lab. */
export function nodeBuildShape(whose: string, runs: string, ovsRuns: string) {
  return {
    ovn: treePath('OVN').optional().describe(`netns runtime: ${whose} own OVN build tree (its ${runs} and the ovn-* tools), instead of the lab's: an upgrade mix in one file`),
    ovs: treePath('OVS').optional().describe(`netns runtime: ${whose} own OVS build tree (its ${ovsRuns} and the ovs-* tools); default: with ovn, the OVS that OVN was built against`),
  };
}
