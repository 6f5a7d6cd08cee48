import { isSourceRelease, type Build, type BuildTree } from './model.js';

/* A node's build trees: the programs and schemas it runs from them, and where its OVN and OVS come from. */

/** The directories of a build's programs, as OVN's `make sandbox` puts them first on PATH: OVN's, then OVS's. */
export function buildBinDirs(build: Build | undefined): string[] {
  const ovn = build?.ovn ? ['controller', 'controller-vtep', 'northd', 'ic', 'utilities'].map((d) => `${build.ovn!.dir}/${d}`) : [];
  const ovs = build?.ovs ? ['ovsdb', 'vswitchd', 'utilities', 'vtep'].map((d) => `${build.ovs!.dir}/${d}`) : [];
  return [...ovn, ...ovs];
}

/** The database schemas a node's daemons are made from: its build trees' sources, else the packages'. */
export function schemaPaths(build: Build | undefined): { nb: string; sb: string; vswitch: string } {
  const ovn = build?.ovn && (build.ovn.srcdir ?? build.ovn.dir);
  const ovs = build?.ovs && (build.ovs.srcdir ?? build.ovs.dir);
  return {
    nb: ovn ? `${ovn}/ovn-nb.ovsschema` : '/usr/share/ovn/ovn-nb.ovsschema',
    sb: ovn ? `${ovn}/ovn-sb.ovsschema` : '/usr/share/ovn/ovn-sb.ovsschema',
    vswitch: ovs ? `${ovs}/vswitchd/vswitch.ovsschema` : '/usr/share/openvswitch/vswitch.ovsschema',
  };
}

/** Where one of a node's OVN and OVS comes from: what status, version and the test reports name. */
export interface Origin {
  /** The version it runs. */
  version: string;
  from: 'build' | 'packages';
  /** packages: the Debian release they are of (this machine's on netns, the node image's on docker), when known. */
  release?: string;
  /** build: the build tree and the commit it was built from, when known. */
  tree?: string;
  commit?: string;
}

/** A central's or chassis' OVN and OVS origins, from its build (if any), the versions it runs and its packages' release. */
export function nodeOrigin(build: Build | undefined, versions: { ovn: string; ovs: string }, release?: string): { ovn: Origin; ovs: Origin } {
  const one = (tree: BuildTree | undefined, version: string): Origin =>
    tree ? { version: version === '?' ? (tree.version ?? '?') : version, from: 'build', tree: tree.dir, ...(tree.commit ? { commit: tree.commit } : {}) } : { version, from: 'packages', ...(release ? { release } : {}) };
  return { ovn: one(build?.ovn, versions.ovn), ovs: one(build?.ovs, versions.ovs) };
}

/** An origin in words: `24.03.9 (build tree /src/ovn, commit bd3baf441086)`, `23.03.1 (bookworm packages)`. */
export function originText(o: Origin): string {
  if (o.from === 'build') return `${o.version} (build tree ${o.tree}${o.commit ? `, commit ${o.commit.slice(0, 12)}` : ''})`;
  if (o.release && isSourceRelease(o.release)) return `${o.version} (image ${o.release}, compiled from source)`;
  return `${o.version} (${o.release ? `${o.release} ` : ''}packages)`;
}
