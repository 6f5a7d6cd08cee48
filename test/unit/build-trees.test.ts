import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/base/errors.js';
import { STANDARD_PATH } from '../../src/base/exec.js';
import { nodeEnv } from '../../src/ovn/node-shell.js';
import { junitXml } from '../../src/report/junit.js';
import { inspectBuild, placeBuilds, TREE_PROGRAMS } from '../../src/runtime/netns/build-trees.js';
import { treeCommit } from '../../src/runtime/source-tree.js';
import { placeDockerLab } from '../../src/runtime/docker/placement.js';
import { netnsRequirements } from '../../src/runtime/netns/requirements.js';
import { buildBinDirs, nodeOrigin, originText, schemaPaths } from '../../src/topology/builds.js';
import { parseTopology } from '../../src/topology/load.js';
import { buildOf, withBuild, type Lab } from '../../src/topology/model.js';
import { buildFlags } from '../../src/cli/context.js';
import { issues } from './issues.js';

const root = mkdtempSync(join(tmpdir(), 'lab-build-trees-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, mode);
}

/** A tree as `./configure && make` leaves it: its Makefile's variables, its programs (all, or those kept), its schemas. */
function fakeTree(dir: string, kind: 'ovn' | 'ovs', opts: { version?: string; programs?: readonly string[]; ovsBuild?: string; srcdir?: string } = {}): string {
  const src = opts.srcdir ?? dir;
  const vars = [`PACKAGE_NAME = ${kind === 'ovn' ? 'ovn' : 'openvswitch'}`, `PACKAGE_VERSION = ${opts.version ?? (kind === 'ovn' ? '24.03.9' : '3.3.8')}`, `abs_top_srcdir = ${src}`];
  if (opts.ovsBuild) vars.push(`OVSBUILDDIR = ${opts.ovsBuild}`);
  write(join(dir, 'Makefile'), `# generated\n${vars.join('\n')}\n`);
  for (const p of opts.programs ?? TREE_PROGRAMS[kind]) write(join(dir, p), '#!/bin/sh\n', 0o755);
  for (const s of kind === 'ovn' ? ['ovn-nb.ovsschema', 'ovn-sb.ovsschema'] : ['vswitchd/vswitch.ovsschema']) write(join(src, s), '{}');
  return dir;
}

/** An OVN tree with its ovs/ submodule built, as test/ovn-build/build.sh makes it. */
function builtOvn(name: string, version = '24.03.9'): string {
  const dir = join(root, name);
  fakeTree(join(dir, 'ovs'), 'ovs');
  write(join(dir, 'ovs', '.git-archive-commit'), `${'b'.repeat(40)}\n`);
  write(join(dir, '.git-archive-commit'), `${'a'.repeat(40)}\n`);
  return fakeTree(dir, 'ovn', { version, ovsBuild: join(dir, 'ovs') });
}

const LAB = `name: t
chassis:
  hv1: {}
  hv2: {}
switches:
  s: { subnet: 10.0.0.0/24, dhcp: {} }
vms:
  vm1: { chassis: hv1, switch: s, ip: 10.0.0.11 }
`;

const lab = (text: string, file = join(root, 'labs', 't.yaml')) => parseTopology(text, 't.yaml', file);

describe('build trees in the file: ovn: and ovs: for the lab, central and each chassis', () => {
  it('keeps each path (relative ones from the file) and where it is written', () => {
    const l = lab(LAB.replace('chassis:\n', 'ovn: ../ovn\ncentral: { ovn: /src/ovn-main }\nchassis:\n').replace('hv2: {}', 'hv2: { ovn: /src/ovn-lts, ovs: /src/ovs }'));
    expect(l.build).toEqual({ ovn: { dir: join(root, 'ovn'), at: { file: 't.yaml', line: 2, column: 6 } } });
    expect(l.central.build?.ovn).toEqual({ dir: '/src/ovn-main', at: { file: 't.yaml', line: 3, column: 17 } });
    expect(l.chassis[0]!.build).toBeUndefined();
    expect(l.chassis[1]!.build).toEqual({ ovn: { dir: '/src/ovn-lts', at: { file: 't.yaml', line: 6, column: 15 } }, ovs: { dir: '/src/ovs', at: { file: 't.yaml', line: 6, column: 34 } } });
    // A node naming either takes neither from the lab; the others take the lab's.
    expect(buildOf(l, 'hv1')).toBe(l.build);
    expect(buildOf(l, 'central')).toBe(l.central.build);
    expect(buildOf(l, 'vm1')).toBeUndefined();
  });

  it.each([
    ['a path starting with ~', `ovn: ~/ovn\n${LAB}`, "1:6 ovn: '~' is not expanded here: write the OVN tree's path in full (like /home/me/ovn) or relative to this file"],
    ['an empty path', `central: { ovs: '' }\n${LAB}`, '1:17 central.ovs: must not be empty'],
    ['a path that is not a string', `ovn: 42\n${LAB}`, '1:6 ovn: expected a text, not the number 42'],
    ['a build tree on the docker runtime', `runtime: docker\novn: /src/ovn\n${LAB}`, "2:1 ovn: a build tree runs on the netns runtime, and this lab's runtime is docker; use 'runtime: netns' (or a release: on docker)"],
    [
      "a chassis' build tree on the docker runtime",
      `runtime: docker\n${LAB.replace('hv2: {}', 'hv2: { ovs: /src/ovs }')}`,
      "5:10 ovs: a build tree runs on the netns runtime, and this lab's runtime is docker; use 'runtime: netns' (or a release: on docker)",
    ],
  ])('refuses %s at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual([expected]);
  });
});

describe('placing a lab on build trees (netns runtime)', () => {
  it('gives every node both trees, OVS being the one OVN was built against, with versions and commits', () => {
    const ovn = builtOvn('ovn-a');
    const placed = placeBuilds(lab(LAB.replace('chassis:\n', `ovn: ${ovn}\nchassis:\n`)));
    expect(placed.build).toBeUndefined();
    for (const node of [placed.central, ...placed.chassis]) {
      expect(node.build?.ovn).toMatchObject({ dir: ovn, srcdir: ovn, version: '24.03.9', commit: 'a'.repeat(40) });
      expect(node.build?.ovs).toEqual({ dir: join(ovn, 'ovs'), srcdir: join(ovn, 'ovs'), version: '3.3.8', commit: 'b'.repeat(40) });
    }
  });

  it('mixes per role: central on packages, chassis on a tree, an OVS tree of its own', () => {
    const ovn = builtOvn('ovn-b');
    const ovs = fakeTree(join(root, 'ovs-c'), 'ovs', { version: '3.4.0' });
    const placed = placeBuilds(lab(LAB.replace('hv1: {}', `hv1: { ovn: ${ovn}, ovs: ${ovs} }`).replace('hv2: {}', `hv2: { ovn: ${ovn} }`)));
    expect(placed.central.build).toBeUndefined();
    expect(placed.chassis[0]!.build?.ovs).toMatchObject({ dir: ovs, version: '3.4.0' });
    expect(placed.chassis[1]!.build?.ovs).toMatchObject({ dir: join(ovn, 'ovs'), version: '3.3.8' });
  });

  it('reads the schemas from a source directory apart from the build (VPATH), and the commit from git', () => {
    const src = join(root, 'ovn-src');
    write(join(src, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    write(join(src, '.git', 'packed-refs'), `# pack-refs\n${'c'.repeat(40)} refs/heads/main\n`);
    const ovs = fakeTree(join(root, 'ovs-d'), 'ovs');
    const build = fakeTree(join(root, 'ovn-build'), 'ovn', { srcdir: src, ovsBuild: ovs });
    const placed = inspectBuild({ ovn: { dir: build } });
    expect(placed.ovn).toMatchObject({ dir: build, srcdir: src, commit: 'c'.repeat(40) });
    expect(schemaPaths(placed)).toEqual({ nb: `${src}/ovn-nb.ovsschema`, sb: `${src}/ovn-sb.ovsschema`, vswitch: `${ovs}/vswitchd/vswitch.ovsschema` });
  });

  it('finds a worktree commit through its gitdir and commondir', () => {
    const main = join(root, 'repo', '.git');
    write(join(main, 'refs', 'heads', 'feature'), `${'d'.repeat(40)}\n`);
    write(join(main, 'worktrees', 'wt', 'HEAD'), 'ref: refs/heads/feature\n');
    write(join(main, 'worktrees', 'wt', 'commondir'), '../..\n');
    write(join(root, 'wt', '.git'), `gitdir: ${join(main, 'worktrees', 'wt')}\n`);
    expect(treeCommit(join(root, 'wt'))).toBe('d'.repeat(40));
    expect(treeCommit(join(root, 'nowhere'))).toBeUndefined();
  });

  /** The refusal `up` gives for a lab whose chassis hv1 names this OVN tree. */
  const refusal = (dir: string, key = 'ovn'): string => {
    try {
      placeBuilds(lab(LAB.replace('hv1: {}', `hv1: { ${key}: ${dir} }`)));
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error('not refused');
  };

  it.each([
    ['a tree that does not exist', () => join(root, 'missing'), (d: string) => `t.yaml:3:15: chassis hv1's ovn: ${d} does not exist`],
    ['a tree whose path holds a colon', () => join(root, 'a:b'), (d: string) => `t.yaml:3:15: chassis hv1's ovn: ${d} has a ':' in its path, which PATH cannot hold; move or link the tree to a path without one`],
    [
      'a source tree that is not configured',
      () => (write(join(root, 'unconf', 'configure.ac'), 'AC_INIT(ovn, 24.03.9, bugs@openvswitch.org)\n'), join(root, 'unconf')),
      (d: string) => `t.yaml:3:15: chassis hv1's ovn: ${d} is an OVN source tree that is not configured; build it there with ./boot.sh && ./configure && make`,
    ],
    ['a directory that is no tree', () => (mkdirSync(join(root, 'empty'), { recursive: true }), join(root, 'empty')), (d: string) => `t.yaml:3:15: chassis hv1's ovn: ${d} is not an OVN build tree (it has no Makefile from ./configure)`],
    [
      'an OVS tree given as OVN',
      () => fakeTree(join(root, 'ovs-as-ovn'), 'ovs'),
      (d: string) => `t.yaml:3:15: chassis hv1's ovn: ${d} is not an OVN build tree (its Makefile is for openvswitch): it is Open vSwitch's, give it as ovs (--ovs)`,
    ],
    [
      'a tree configured but not built',
      () => fakeTree(join(root, 'unbuilt'), 'ovn', { programs: [] }),
      (d: string) => `t.yaml:3:15: chassis hv1's ovn: ${d} is configured but not built (no ${TREE_PROGRAMS.ovn.join(', ')}); run 'make' in ${d}`,
    ],
    [
      'a tree missing a program',
      () => fakeTree(join(root, 'half'), 'ovn', { programs: TREE_PROGRAMS.ovn.filter((p) => p !== 'controller/ovn-controller') }),
      (d: string) => `t.yaml:3:15: chassis hv1's ovn: ${d} is not fully built: controller/ovn-controller is missing; run 'make controller/ovn-controller' in ${d} (or 'make')`,
    ],
  ])('refuses %s, saying what is missing and what builds it', (_what, make, message) => {
    const dir = make();
    expect(refusal(dir)).toBe(`OVN cannot run from the build trees given:\n  ${message(dir)}`);
  });

  it('refuses an OVN tree whose OVS build is not built, naming it', () => {
    const dir = join(root, 'ovn-e');
    fakeTree(join(dir, 'ovs'), 'ovs', { programs: TREE_PROGRAMS.ovs.filter((p) => !p.startsWith('vswitchd/')) });
    fakeTree(dir, 'ovn', { ovsBuild: join(dir, 'ovs') });
    expect(refusal(dir)).toContain(`the OVS tree ${dir} was built against: ${dir}/ovs is not fully built: vswitchd/ovs-vswitchd is missing; run 'make vswitchd/ovs-vswitchd' in ${dir}/ovs (or 'make')`);
  });

  it('names each tree once, and the option for --ovn', () => {
    const missing = join(root, 'gone');
    const text = LAB.replace('chassis:\n', `ovn: ${missing}\nchassis:\n`);
    expect(() => placeBuilds(lab(text))).toThrow(`OVN cannot run from the build trees given:\n  t.yaml:2:6: ovn: ${missing} does not exist`);
    expect(() => placeBuilds(withBuild(lab(LAB), buildFlags(missing, undefined)!))).toThrow(`--ovn: ${missing} does not exist`);
  });

  it('--ovn and --ovs take directories, relative to here', () => {
    expect(buildFlags('ovn', undefined)).toEqual({ ovn: { dir: join(process.cwd(), 'ovn') } });
    expect(buildFlags(undefined, undefined)).toBeUndefined();
    expect(() => buildFlags('', undefined)).toThrow('--ovn needs a directory');
  });

  it('the docker runtime refuses build trees', () => {
    expect(() => placeDockerLab(withBuild(lab(LAB), { ovn: { dir: '/src/ovn' } }))).toThrow('the lab runs OVN from build trees (ovn:, ovs:, --ovn, --ovs), which only the netns runtime can run');
  });
});

describe('a node on build trees runs their programs and schemas', () => {
  const build = { ovn: { dir: '/b/ovn' }, ovs: { dir: '/b/ovn/ovs' } };

  it("puts the trees' program directories first on its PATH, as make sandbox does", () => {
    const l: Lab = withBuild(lab(LAB), build);
    expect(nodeEnv(l, 'chassis', '/run/x', buildOf(l, 'hv1')).PATH).toBe(
      `/b/ovn/controller:/b/ovn/controller-vtep:/b/ovn/northd:/b/ovn/ic:/b/ovn/utilities:/b/ovn/ovs/ovsdb:/b/ovn/ovs/vswitchd:/b/ovn/ovs/utilities:/b/ovn/ovs/vtep:${STANDARD_PATH}`,
    );
    expect(nodeEnv(l, 'central', '/run/x').PATH).toBeUndefined();
    expect(nodeEnv(l, 'vm', '/run/x', build).PATH).toBe(`/run/x/bin:${STANDARD_PATH}`);
    expect(buildBinDirs({ ovs: { dir: '/o' } })).toEqual(['/o/ovsdb', '/o/vswitchd', '/o/utilities', '/o/vtep']);
  });

  it("reads the schemas from the trees, else from the packages'", () => {
    expect(schemaPaths(build)).toEqual({ nb: '/b/ovn/ovn-nb.ovsschema', sb: '/b/ovn/ovn-sb.ovsschema', vswitch: '/b/ovn/ovs/vswitchd/vswitch.ovsschema' });
    expect(schemaPaths(undefined)).toEqual({ nb: '/usr/share/ovn/ovn-nb.ovsschema', sb: '/usr/share/ovn/ovn-sb.ovsschema', vswitch: '/usr/share/openvswitch/vswitch.ovsschema' });
  });

  it("needs the host's OVS and OVN packages only for what some node runs from them", () => {
    const pkgs = (l: Lab) => [...new Set(netnsRequirements(l).map((r) => r.pkg))];
    const base = lab(LAB);
    expect(pkgs(base)).toEqual(expect.arrayContaining(['openvswitch-switch', 'ovn-central', 'ovn-host']));
    const all = withBuild(base, build);
    const placedAll = { ...all, central: { ...all.central, build }, chassis: all.chassis.map((c) => ({ ...c, build })) };
    expect(pkgs(placedAll)).not.toEqual(expect.arrayContaining(['openvswitch-switch']));
    expect(pkgs(placedAll).some((p) => p.startsWith('ovn-'))).toBe(false);
    const mixed = { ...placedAll, central: { ...placedAll.central, build: undefined } };
    expect(pkgs(mixed)).toEqual(expect.arrayContaining(['openvswitch-switch', 'ovn-central', 'ovn-host']));
  });
});

describe('where a node got its OVN and OVS', () => {
  const tree = { ovn: { dir: '/b/ovn', version: '24.03.9', commit: 'a'.repeat(40) }, ovs: { dir: '/b/ovn/ovs', version: '3.3.8' } };

  it('names a build tree with its version and commit, packages with their release', () => {
    const o = nodeOrigin(tree, { ovn: '24.03.9', ovs: '?' }, 'bookworm');
    expect(o.ovn).toEqual({ version: '24.03.9', from: 'build', tree: '/b/ovn', commit: 'a'.repeat(40) });
    expect(originText(o.ovn)).toBe('24.03.9 (build tree /b/ovn, commit aaaaaaaaaaaa)');
    expect(originText(o.ovs)).toBe('3.3.8 (build tree /b/ovn/ovs)');
    expect(originText(nodeOrigin(undefined, { ovn: '23.03.1', ovs: '3.1.0' }, 'bookworm').ovn)).toBe('23.03.1 (bookworm packages)');
  });

  it("the JUnit report has each node's origins as properties of its lab's suite", () => {
    const nodes = [{ node: 'hv1', ...nodeOrigin(tree, { ovn: '24.03.9', ovs: '3.3.8' }) }];
    const xml = junitXml([{ lab: 't', status: 'passed', checks: [], nodes, durationsMs: { up: 0, checks: 0, down: 0, total: 0 } }]);
    expect(xml).toContain('<property name="hv1.ovn" value="24.03.9 (build tree /b/ovn, commit aaaaaaaaaaaa)"/>');
    expect(xml).toContain('<property name="hv1.ovs" value="3.3.8 (build tree /b/ovn/ovs)"/>');
  });
});
