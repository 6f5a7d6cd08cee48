import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';
import type { Exec } from '../../base/exec.js';
import { LabError, UserError } from '../../base/errors.js';

/** images/ of this package (dist/runtime/docker → ../../../images). */
export const IMAGES_DIR = fileURLToPath(new URL('../../../images/', import.meta.url));
export const DEFAULT_BASE = 'debian:bookworm-slim';
/** The base made with debootstrap where no registry can be reached. */
export const DEBOOTSTRAP_BASE = 'ovn-lab/base:bookworm';

/** The node image's tag follows its Dockerfile, so a changed Dockerfile means a new image and `up` never uses a stale one. */
export function nodeImage(): string {
  const hash = createHash('sha256').update(readFileSync(`${IMAGES_DIR}Dockerfile`)).digest('hex').slice(0, 12);
  return `ovn-lab/node:${hash}`;
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
async function debootstrapBase(docker: Docker, exec: Exec, progress: Progress): Promise<string> {
  const dir = await mkdtemp(`${tmpdir()}/lab-debootstrap-`);
  try {
    progress(`debootstrap --variant=minbase bookworm ${dir}`);
    const mirror = process.env.LAB_DEBIAN_MIRROR ? [process.env.LAB_DEBIAN_MIRROR] : [];
    await exec(['debootstrap', '--variant=minbase', 'bookworm', dir, ...mirror], { timeoutMs: 15 * 60_000 });
    progress(`importing ${dir} as ${DEBOOTSTRAP_BASE}`);
    const tar = spawn('tar', ['-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [repo, tag] = DEBOOTSTRAP_BASE.split(':');
    await follow(docker, await docker.importImage(tar.stdout, { repo, tag }), progress);
    return DEBOOTSTRAP_BASE;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface BuildOptions {
  /** Base image (default debian:bookworm-slim). */
  base?: string;
  /** auto: debootstrap only when the base cannot be pulled; always; never. */
  debootstrap?: 'auto' | 'always' | 'never';
  /** Rebuild even when the image exists. */
  force?: boolean;
}

/** Builds the node image from images/Dockerfile; returns its tag. */
export async function buildNodeImage(docker: Docker, exec: Exec, opts: BuildOptions, progress: Progress): Promise<string> {
  const ref = nodeImage();
  if (!opts.force && (await imageExists(docker, ref))) {
    progress(`${ref} is already built`);
    return ref;
  }
  let base = opts.base ?? DEFAULT_BASE;
  const mode = opts.debootstrap ?? 'auto';
  if (mode === 'always') base = await debootstrapBase(docker, exec, progress);
  else if (!(await imageExists(docker, base)) && !(await pull(docker, base, progress))) {
    if (mode === 'never') throw new UserError(`cannot pull the base image ${base}`, 'give a local one with --base, or allow --debootstrap auto');
    if (await imageExists(docker, DEBOOTSTRAP_BASE)) base = DEBOOTSTRAP_BASE;
    else base = await debootstrapBase(docker, exec, progress);
  }
  progress(`building ${ref} FROM ${base}`);
  try {
    const stream = await docker.buildImage({ context: IMAGES_DIR, src: ['Dockerfile'] }, { t: ref, buildargs: { BASE: base }, labels: { 'ovn-lab.image': 'node' } });
    await follow(docker, stream, progress);
  } catch (err) {
    throw new LabError(`building ${ref} failed: ${(err as Error).message}`, { cause: err });
  }
  return ref;
}
