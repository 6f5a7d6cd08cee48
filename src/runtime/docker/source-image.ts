import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import type Docker from 'dockerode';
import type { Exec } from '../../base/exec.js';
import type { PackagedRelease, SourceRelease } from '../../topology/model.js';
import type { SourceTree } from '../source-tree.js';
import { baseImage, buildImage, DEFAULT_RELEASE, IMAGES_DIR, imageExists, nodeImage, type BuildOptions, type Progress } from './images.js';

/** What a source image is built from: an OVN tree and an OVS tree (by default the OVN tree's ovs submodule). */
export interface SourceImageOptions extends BuildOptions {
  ovn: SourceTree;
  ovs: SourceTree;
}

const short = (commit: string | undefined) => (commit ? commit.slice(0, 12) : 'nocommit');

/**
 * The name labs give an image built from sources: `src-<OVN version>-<OVN commit>`, then the OVS's
 * when it is not the OVN tree's own submodule, then the base release when it is not bookworm. The
 * same trees make the same name, so an image is built once and reused like a release's.
 */
export function sourceImageName(opts: Pick<SourceImageOptions, 'ovn' | 'ovs' | 'release'>): SourceRelease {
  const own = relative(opts.ovn.dir, opts.ovs.dir) === 'ovs';
  const ovs = own ? '' : `-ovs-${opts.ovs.version}-${short(opts.ovs.commit)}`;
  const base = (opts.release ?? DEFAULT_RELEASE) === DEFAULT_RELEASE ? '' : `-${opts.release}`;
  return `src-${opts.ovn.version}-${short(opts.ovn.commit)}${ovs}${base}`.replace(/[^A-Za-z0-9_.-]/g, '_') as SourceRelease;
}

/** What a build on the host leaves in a tree and a fresh build must not reuse, nor a repository's history. */
const NOT_SOURCES = ['*.o', '*.lo', '*.la', '*.a', '.libs', '.deps', 'autom4te.cache', 'config.status', 'config.log'];

/**
 * The build context, as a tar stream: images/Dockerfile.source, and the trees as ovs/ and ovn/
 * (an OVN tree's own ovs submodule is renamed, another OVS tree replaces it).
 */
function context(opts: SourceImageOptions): NodeJS.ReadableStream {
  const rel = (dir: string) => dir.replace(/^\/+/, '');
  const own = relative(opts.ovn.dir, opts.ovs.dir) === 'ovs';
  const esc = (p: string) => p.replace(/[\\,.[\]*^$]/g, '\\$&');
  const args = ['-c', '-C', '/', '--exclude-vcs', ...NOT_SOURCES.map((p) => `--exclude=${p}`)];
  args.push(`--transform=s,^${esc(rel(opts.ovs.dir))},ovs,`, `--transform=s,^${esc(rel(opts.ovn.dir))},ovn,`);
  if (!own) args.push('--anchored', `--exclude=${rel(opts.ovn.dir)}/ovs`, '--no-anchored', rel(opts.ovs.dir));
  args.push(rel(opts.ovn.dir), '-C', IMAGES_DIR, 'Dockerfile.source');
  const tar = spawn('tar', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return tar.stdout;
}

/** Builds (unless it is there) the node image of OVS and OVN compiled from the trees; returns its name and tag. */
export async function buildSourceImage(docker: Docker, exec: Exec, opts: SourceImageOptions, progress: Progress): Promise<{ name: SourceRelease; ref: string }> {
  const name = sourceImageName(opts);
  const ref = nodeImage(name);
  if (!opts.force && (await imageExists(docker, ref))) {
    progress(`${ref} is already built`);
    return { name, ref };
  }
  const release: PackagedRelease = opts.release ?? DEFAULT_RELEASE;
  const base = await baseImage(docker, exec, release, opts, progress);
  progress(`compiling OVS ${opts.ovs.version} (${opts.ovs.dir}) and OVN ${opts.ovn.version} (${opts.ovn.dir}) on ${release}: minutes`);
  const labels = {
    'ovn-lab.image': 'node',
    'ovn-lab.release': name,
    'ovn-lab.base': release,
    'ovn-lab.ovn-src': opts.ovn.dir,
    'ovn-lab.ovs-src': opts.ovs.dir,
    'ovn-lab.ovn-commit': opts.ovn.commit ?? '',
    'ovn-lab.ovs-commit': opts.ovs.commit ?? '',
  };
  await buildImage(docker, context(opts), ref, { dockerfile: 'Dockerfile.source', buildargs: { BASE: base }, labels }, progress);
  return { name, ref };
}
