import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceImageName } from '../../src/runtime/docker/source-image.js';
import { sourceTree } from '../../src/runtime/source-tree.js';
import { isRelease } from '../../src/topology/model.js';

/** A source tree as a checkout or an unpacked release has it: configure.ac, and the commit it came from. */
function tree(dir: string, init: string, commit?: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'configure.ac'), `AC_PREREQ(2.63)\n${init}\nAC_CONFIG_SRCDIR([README.rst])\n`);
  if (commit) writeFileSync(join(dir, '.git-archive-commit'), `${commit}\n`);
  return dir;
}

describe('OVN compiled from source into a node image', () => {
  const top = mkdtempSync(join(tmpdir(), 'lab-src-unit-'));
  const ovnDir = tree(join(top, 'ovn'), 'AC_INIT(ovn, 24.03.9, bugs@openvswitch.org)', 'bd3baf441086577057e31b19dd616f878a478702');
  const ovsDir = tree(join(ovnDir, 'ovs'), 'AC_INIT(openvswitch, 3.3.8, bugs@openvswitch.org)', 'bc99439446a1c0b94498ad7ea44f3d1d933ead90');
  const otherOvs = tree(join(top, 'ovs-main'), 'AC_INIT([openvswitch], [3.6.90], [bugs@openvswitch.org])');

  it('reads version and commit from a tree, and names the image by them', () => {
    const ovn = sourceTree('ovn', ovnDir, '--ovn-src');
    expect(ovn).toEqual({ dir: ovnDir, version: '24.03.9', commit: 'bd3baf441086577057e31b19dd616f878a478702' });
    const ovs = sourceTree('ovs', ovsDir, '--ovs-src');
    expect(sourceImageName({ ovn, ovs })).toBe('src-24.03.9-bd3baf441086');
    // Another OVS than the submodule, or another base, is another image.
    expect(sourceImageName({ ovn, ovs: sourceTree('ovs', otherOvs, '--ovs-src') })).toBe('src-24.03.9-bd3baf441086-ovs-3.6.90-nocommit');
    expect(sourceImageName({ ovn, ovs, release: 'trixie' })).toBe('src-24.03.9-bd3baf441086-trixie');
    expect(isRelease(sourceImageName({ ovn, ovs, release: 'sid' }))).toBe(true);
  });

  it('refuses what is not an OVN source tree, saying what to give', () => {
    expect(() => sourceTree('ovn', join(top, 'nowhere'), '--ovn-src')).toThrow(`--ovn-src: ${join(top, 'nowhere')} is not a directory`);
    expect(() => sourceTree('ovn', top, '--ovn-src')).toThrow('is not an OVN source tree (it has no configure.ac)');
    try {
      sourceTree('ovn', ovsDir, '--ovn-src');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe(`--ovn-src: ${ovsDir} is not an OVN source tree (its configure.ac is openvswitch's)`);
      expect((e as { hint?: string }).hint).toBe('give it as --ovs-src');
    }
  });

  it('takes src-… names as releases, and nothing else that is not a Debian release', () => {
    expect(isRelease('bookworm')).toBe(true);
    expect(isRelease('src-24.03.9-bd3baf441086')).toBe(true);
    expect(isRelease('buster')).toBe(false);
    expect(isRelease('src-')).toBe(false);
    expect(isRelease('src-24.03 9')).toBe(false);
  });
});
