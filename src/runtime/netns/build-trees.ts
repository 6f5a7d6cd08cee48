import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../../base/errors.js';
import { buildOf, type Build, type BuildTree, type Lab } from '../../topology/model.js';
import { readText, treeCommit } from '../source-tree.js';

/**
 * OVN and OVS build trees on the netns runtime: each tree a node names is looked at before
 * anything is made (configured, built, holding every program and schema a node runs), and the
 * lab is placed with every central and chassis naming both its trees, their versions and commits.
 */

type Kind = 'ovn' | 'ovs';

/** What a node runs of each tree, by its path in the build directory (also the make target that builds it). */
export const TREE_PROGRAMS: Record<Kind, readonly string[]> = {
  ovn: ['northd/ovn-northd', 'controller/ovn-controller', 'utilities/ovn-nbctl', 'utilities/ovn-sbctl', 'utilities/ovn-trace', 'utilities/ovn-appctl'],
  ovs: ['ovsdb/ovsdb-server', 'ovsdb/ovsdb-tool', 'vswitchd/ovs-vswitchd', 'utilities/ovs-vsctl', 'utilities/ovs-appctl', 'utilities/ovs-ofctl', 'utilities/ovs-pki'],
};
/** The schemas a node's databases are made from, in the source directory. */
const TREE_SCHEMAS: Record<Kind, readonly string[]> = { ovn: ['ovn-nb.ovsschema', 'ovn-sb.ovsschema'], ovs: ['vswitchd/vswitch.ovsschema'] };
/** The package name each tree's configure.ac gives (AC_INIT), as its Makefile says it. */
const PACKAGE: Record<Kind, string> = { ovn: 'ovn', ovs: 'openvswitch' };
const TITLE: Record<Kind, string> = { ovn: 'OVN', ovs: 'Open vSwitch' };

/** A Makefile's variable (`NAME = value`), as configure wrote it. */
function makeVariable(makefile: string, name: string): string | undefined {
  return new RegExp(`^${name} = (.*)$`, 'm').exec(makefile)?.[1]?.trim() || undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** How a refusal names a tree: where the file names it, or the option. */
function named(kind: Kind, tree: BuildTree, role: string): string {
  return tree.at ? `${tree.at.file}:${tree.at.line}:${tree.at.column}: ${role}${kind}` : `--${kind}`;
}

/**
 * A tree looked at: the tree placed (its source directory, version and commit, and for OVN the
 * OVS build it was made against), or what is wrong with it.
 */
type Looked = { tree: BuildTree; ovsBuild?: string } | { problem: string };

function lookAt(kind: Kind, tree: BuildTree, label: string): Looked {
  const dir = resolve(tree.dir);
  // Its program directories go on PATH, which a ':' would split.
  if (dir.includes(':')) return { problem: `${label}: ${dir} has a ':' in its path, which PATH cannot hold; move or link the tree to a path without one` };
  const st = existsSync(dir) ? statSync(dir) : undefined;
  if (!st) return { problem: `${label}: ${dir} does not exist` };
  if (!st.isDirectory()) return { problem: `${label}: ${dir} is not a directory` };
  const makefile = readText(join(dir, 'Makefile'));
  if (makefile === undefined) {
    const source = /AC_INIT\(\[?(\w+)/.exec(readText(join(dir, 'configure.ac')) ?? '')?.[1];
    if (source === PACKAGE[kind]) return { problem: `${label}: ${dir} is an ${TITLE[kind]} source tree that is not configured; build it there with ./boot.sh && ./configure && make` };
    return { problem: `${label}: ${dir} is not an ${TITLE[kind]} build tree (it has no Makefile from ./configure)` };
  }
  const pkg = makeVariable(makefile, 'PACKAGE_NAME')?.toLowerCase().replace(/\s+/g, '');
  if (pkg !== PACKAGE[kind]) {
    const other = kind === 'ovn' ? 'ovs' : 'ovn';
    const hint = pkg === PACKAGE[other] ? `: it is ${TITLE[other]}'s, give it as ${other} (--${other})` : '';
    return { problem: `${label}: ${dir} is not an ${TITLE[kind]} build tree (its Makefile is for ${pkg ?? 'an unknown package'})${hint}` };
  }
  const srcdir = makeVariable(makefile, 'abs_top_srcdir') ?? dir;
  const missing = TREE_PROGRAMS[kind].filter((p) => !executable(join(dir, p)));
  if (missing.length === TREE_PROGRAMS[kind].length) return { problem: `${label}: ${dir} is configured but not built (no ${missing.join(', ')}); run 'make' in ${dir}` };
  if (missing.length) return { problem: `${label}: ${dir} is not fully built: ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing; run 'make ${missing.join(' ')}' in ${dir} (or 'make')` };
  const schemas = TREE_SCHEMAS[kind].filter((s) => !existsSync(join(srcdir, s)));
  if (schemas.length) return { problem: `${label}: the source tree ${srcdir} of ${dir} has no ${schemas.join(', ')}` };
  const version = makeVariable(makefile, 'PACKAGE_VERSION');
  const commit = treeCommit(srcdir);
  const placed: BuildTree = { dir, ...(tree.at ? { at: tree.at } : {}), srcdir, ...(version ? { version } : {}), ...(commit ? { commit } : {}) };
  // OVN's configure notes the OVS it builds against (--with-ovs-build, by default its ovs submodule).
  const ovsBuild = kind === 'ovn' ? (makeVariable(makefile, 'OVSBUILDDIR') ?? join(dir, 'ovs')) : undefined;
  return { tree: placed, ...(ovsBuild ? { ovsBuild } : {}) };
}

/** Looks at trees, each once, gathering what is wrong with them. */
class TreeLooker {
  readonly problems = new Set<string>();
  private readonly seen = new Map<string, Looked>();

  private look(kind: Kind, tree: BuildTree, label: string): { tree: BuildTree; ovsBuild?: string } | undefined {
    const key = `${kind}\0${resolve(tree.dir)}\0${label}`;
    const looked = this.seen.get(key) ?? lookAt(kind, tree, label);
    this.seen.set(key, looked);
    if ('problem' in looked) return void this.problems.add(looked.problem);
    return looked;
  }

  /** A node's build placed: both trees looked at, the OVS one being OVN's own unless given. */
  place(build: Build | undefined, role: string): Build | undefined {
    if (!build) return undefined;
    const ovn = build.ovn && this.look('ovn', build.ovn, named('ovn', build.ovn, role));
    const ovsTree = build.ovs ?? (ovn?.ovsBuild ? { dir: ovn.ovsBuild } : undefined);
    const ovs = ovsTree && this.look('ovs', ovsTree, build.ovs ? named('ovs', build.ovs, role) : `the OVS tree ${ovn?.tree.dir} was built against`);
    return { ...(ovn ? { ovn: ovn.tree } : {}), ...(ovs ? { ovs: ovs.tree } : {}) };
  }

  refuse(): void {
    if (!this.problems.size) return;
    throw new UserError(
      `OVN cannot run from the build trees given:\n  ${[...this.problems].join('\n  ')}`,
      "build them (OVS first, then OVN: ./boot.sh && ./configure && make), or drop ovn:/ovs: (--ovn/--ovs) to run this machine's packages",
    );
  }
}

/** One build (--ovn, --ovs) looked at as `up` would (`lab version --ovn DIR`): placed, or refused saying why. */
export function inspectBuild(build: Build): Build {
  const looker = new TreeLooker();
  const placed = looker.place(build, '');
  looker.refuse();
  return placed!;
}

/**
 * The lab with every central and chassis on its build trees, each looked at: refused, before
 * anything is made, when a tree is missing, not an OVN (or OVS) tree, not configured or not
 * fully built, naming what is missing and the make target that builds it. An OVN tree without an
 * OVS tree of its own runs the OVS that OVN was built against. A lab without trees is as it was.
 */
export function placeBuilds(lab: Lab): Lab {
  if (!lab.build && !lab.central.build && !lab.chassis.some((c) => c.build)) return lab;
  const looker = new TreeLooker();
  const central = looker.place(buildOf(lab, lab.central.name), lab.central.build ? "central's " : '');
  const chassis = lab.chassis.map((c) => ({ c, build: looker.place(buildOf(lab, c.name), c.build ? `chassis ${c.name}'s ` : '') }));
  looker.refuse();
  const { build: _lab, ...rest } = lab;
  return {
    ...rest,
    central: { ...lab.central, ...(central ? { build: central } : {}) },
    chassis: chassis.map(({ c, build }) => ({ ...c, ...(build ? { build } : {}) })),
  };
}
