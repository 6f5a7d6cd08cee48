import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../base/package-root.js';
import type Docker from 'dockerode';
import type { Exec } from '../../base/exec.js';
import { LabError, UserError } from '../../base/errors.js';
import { parseVersions, VERSIONS_COMMAND } from '../versions.js';
import { isSourceRelease, RELEASES, type PackagedRelease, type Release } from '../../topology/model.js';

export { RELEASES, type Release };

/** images/ of this package. */
export const IMAGES_DIR = `${join(packageRoot(), 'images')}/`;
export const DEFAULT_RELEASE: PackagedRelease = 'bookworm';

/** Debian's own slim image of a release. */
function defaultBase(release: PackagedRelease): string {
  return `debian:${release}-slim`;
}

/** The base made with debootstrap where no registry can be reached. */
function debootstrapBaseRef(release: PackagedRelease): string {
  return `ovn-lab/base:${release}`;
}

/** The Dockerfile of a release's image: Debian's packages, or OVS and OVN built from source. */
function dockerfileOf(release: Release): string {
  return isSourceRelease(release) ? 'Dockerfile.source' : 'Dockerfile';
}

/**
 * The node image of a release (or of sources). Its tag follows its Dockerfile, so a changed
 * Dockerfile means a new image and `up` never uses a stale one.
 */
export function nodeImage(release: Release = DEFAULT_RELEASE): string {
  const hash = createHash('sha256')
    .update(readFileSync(`${IMAGES_DIR}${dockerfileOf(release)}`))
    .digest('hex')
    .slice(0, 12);
  return `ovn-lab/node:${hash}-${release}`;
}

export async function imageExists(docker: Docker, ref: string): Promise<boolean> {
  try {
    await docker.getImage(ref).inspect();
    return true;
  } catch {
    return false;
  }
}

export type Progress = (line: string) => void;

/** Follows a Docker progress stream; rejects on an error message in it. */
function follow(docker: Docker, stream: NodeJS.ReadableStream, progress: Progress): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null, output: { error?: string }[]) => {
        const failed = err ?? output.find((o) => o.error);
        if (failed) reject(new Error(err ? err.message : (failed as { error: string }).error));
        else resolve();
      },
      (event: { stream?: string; status?: string; error?: string }) => {
        const line = (event.stream ?? event.status ?? event.error ?? '').trim();
        if (line) progress(line);
      },
    );
  });
}

async function pull(docker: Docker, ref: string, progress: Progress): Promise<boolean> {
  try {
    await follow(docker, await docker.pull(ref), progress);
    return true;
  } catch (err) {
    progress(`cannot pull ${ref}: ${(err as Error).message}`);
    return false;
  }
}

/** A minimal Debian root made with debootstrap and imported as an image (about 25 s). */
async function debootstrapBase(docker: Docker, exec: Exec, release: PackagedRelease, progress: Progress): Promise<string> {
  const dir = await mkdtemp(`${tmpdir()}/lab-debootstrap-`);
  const ref = debootstrapBaseRef(release);
  try {
    progress(`debootstrap --variant=minbase ${release} ${dir}`);
    // Debian's mirror by default: debootstrap's own default depends on the host's version.
    const mirror = process.env.LAB_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
    await exec(['debootstrap', '--variant=minbase', release, dir, mirror], { timeoutMs: 15 * 60_000 });
    progress(`importing ${dir} as ${ref}`);
    const tar = spawn('tar', ['-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [repo, tag] = ref.split(':');
    await follow(docker, await docker.importImage(tar.stdout, { repo, tag }), progress);
    return ref;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface BuildOptions {
  /** The Debian release (default bookworm). */
  release?: PackagedRelease;
  /** Base image (default debian:<release>-slim). */
  base?: string;
  /** auto: debootstrap only when the base cannot be pulled; always; never. */
  debootstrap?: 'auto' | 'always' | 'never';
  /** Rebuild even when the image exists. */
  force?: boolean;
}

/** The base image to build FROM: the one given, Debian's (pulled), or one made with debootstrap. */
export async function baseImage(docker: Docker, exec: Exec, release: PackagedRelease, opts: Omit<BuildOptions, 'release' | 'force'>, progress: Progress): Promise<string> {
  const base = opts.base ?? defaultBase(release);
  const mode = opts.debootstrap ?? 'auto';
  if (mode === 'always') return debootstrapBase(docker, exec, release, progress);
  if ((await imageExists(docker, base)) || (await pull(docker, base, progress))) return base;
  if (mode === 'never') throw new UserError(`cannot pull the base image ${base}`, 'give a local one with --base, or allow --debootstrap auto');
  if (await imageExists(docker, debootstrapBaseRef(release))) return debootstrapBaseRef(release);
  return debootstrapBase(docker, exec, release, progress);
}

/** Runs one image build from a context (a directory's files, or a tar stream), following its progress. */
export async function buildImage(
  docker: Docker,
  context: Parameters<Docker['buildImage']>[0],
  ref: string,
  options: { dockerfile: string; buildargs: Record<string, string>; labels: Record<string, string> },
  progress: Progress,
): Promise<void> {
  progress(`building ${ref} FROM ${options.buildargs.BASE ?? '?'}`);
  try {
    // forcerm: a failed step's container goes too (Docker keeps it otherwise, and nothing of ours would remove it).
    const stream = await docker.buildImage(context, { t: ref, forcerm: true, ...options });
    await follow(docker, stream, progress);
  } catch (err) {
    throw new LabError(`building ${ref} failed: ${(err as Error).message}`, { cause: err });
  }
}

/** Builds the node image from images/Dockerfile; returns its tag. */
export async function buildNodeImage(docker: Docker, exec: Exec, opts: BuildOptions, progress: Progress): Promise<string> {
  const release = opts.release ?? DEFAULT_RELEASE;
  const ref = nodeImage(release);
  if (!opts.force && (await imageExists(docker, ref))) {
    progress(`${ref} is already built`);
    return ref;
  }
  const base = await baseImage(docker, exec, release, opts, progress);
  await buildImage(docker, { context: IMAGES_DIR, src: ['Dockerfile'] }, ref, { dockerfile: 'Dockerfile', buildargs: { BASE: base }, labels: { 'ovn-lab.image': 'node', 'ovn-lab.release': release } }, progress);
  return ref;
}

/** The OVS and OVN versions an image has, read by running it once (ovs-vswitchd and ovn-controller --version). */
export async function imageVersions(docker: Docker, ref: string): Promise<{ ovs: string; ovn: string }> {
  const container = await docker.createContainer({ Image: ref, Cmd: ['sh', '-c', VERSIONS_COMMAND], Tty: true, Labels: { 'ovn-lab.image-probe': ref } });
  try {
    await container.start();
    await container.wait();
    const text = (await container.logs({ stdout: true, stderr: true })).toString();
    return parseVersions(text);
  } finally {
    await container.remove({ force: true });
  }
}
