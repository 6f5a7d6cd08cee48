import type { Command } from 'commander';
import { cliContext, out } from '../context.js';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { Exec } from '../../base/exec.js';
import { UserError } from '../../base/errors.js';
import type { PackagedRelease } from '../../topology/model.js';

const collect = (value: string, all: string[]) => [...all, value];

interface ImagesBuildOptions {
  release: string[];
  base?: string;
  debootstrap: 'auto' | 'always' | 'never';
  ovnSrc?: string;
  ovsSrc?: string;
  force?: boolean;
  verbose?: boolean;
}

/** `--ovn-src`: the image of OVS and OVN compiled from the trees, on one release's base. */
async function buildFromSource(docker: Docker, exec: Exec, opts: ImagesBuildOptions, releases: PackagedRelease[], progress: (line: string) => void): Promise<void> {
  if (!opts.ovnSrc) throw new UserError('--ovs-src goes with --ovn-src', 'give the OVN source tree too (--ovn-src DIR)');
  if (releases.length > 1) throw new UserError('--ovn-src goes with one --release (the base the trees are compiled on)', 'build them one by one');
  const [{ sourceTree }, { buildSourceImage }, { imageVersions }] = await Promise.all([import('../../runtime/source-tree.js'), import('../../runtime/docker/source-image.js'), import('../../runtime/docker/images.js')]);
  const ovn = sourceTree('ovn', opts.ovnSrc, '--ovn-src');
  const ovs = sourceTree('ovs', opts.ovsSrc ?? join(ovn.dir, 'ovs'), opts.ovsSrc ? '--ovs-src' : `--ovn-src's ovs submodule`);
  const { name, ref } = await buildSourceImage(docker, exec, { ovn, ovs, ...(releases[0] ? { release: releases[0] } : {}), ...(opts.base ? { base: opts.base } : {}), debootstrap: opts.debootstrap, force: opts.force }, progress);
  const v = await imageVersions(docker, ref);
  out(`${ref} ready: ${name}, OVS ${v.ovs}, OVN ${v.ovn} (compiled from ${ovn.dir}${ovn.commit ? ` at ${ovn.commit.slice(0, 12)}` : ''})`);
  out(`run labs on it with --release ${name}, or release: ${name} in the file (per lab, central or chassis)`);
}

export function registerImages(program: Command): void {
  const images = program.command('images').description('container images of the docker runtime');
  images
    .command('build')
    .description('build the node image of a Debian release from images/Dockerfile, or of OVS and OVN compiled from source trees (reused by every docker lab)')
    .option('--release <name>', 'Debian release: bookworm (OVS 3.1, OVN 23.03), trixie (OVS 3.5, OVN 25.03) or sid (unstable: OVS 4.0, OVN 26.03); repeat for several', collect, [])
    .option('--base <image>', 'base image (default: debian:<release>-slim)')
    .option('--debootstrap <when>', 'make the base with debootstrap: auto (when the base cannot be pulled), always, never', 'auto')
    .option(
      '--ovn-src <dir>',
      "compile OVN from this source tree (a checkout with its ovs submodule, or an unpacked release) in a builder stage on --release's base, with OVS from its ovs submodule; labs run it as --release src-<version>-<commit>, the name this prints",
    )
    .option('--ovs-src <dir>', "with --ovn-src: compile OVS from this source tree instead of the OVN tree's ovs submodule")
    .option('--force', 'rebuild even when the image exists')
    .option('-v, --verbose', 'print every build line')
    .action(async (opts: ImagesBuildOptions) => {
      const [{ connectDocker }, { buildNodeImage, imageVersions, RELEASES, DEFAULT_RELEASE }] = await Promise.all([import('../../runtime/docker/client.js'), import('../../runtime/docker/images.js')]);
      const releases = opts.release.length ? opts.release : [DEFAULT_RELEASE];
      for (const r of releases) if (!(RELEASES as readonly string[]).includes(r)) throw new UserError(`unknown release '${r}'`, `give one of: ${RELEASES.join(', ')}`);
      if (opts.base && releases.length > 1) throw new UserError('--base goes with one --release', 'build the releases one by one');
      const docker = await connectDocker();
      const { exec } = cliContext(opts);
      const progress = (line: string) => {
        // Build output is long: show step lines (and everything with --verbose).
        if (opts.verbose || /^(Step \d+|building|debootstrap|importing|cannot pull|Successfully|ovn-lab)/.test(line)) process.stderr.write(`[images] ${line}\n`);
      };
      if (opts.ovnSrc || opts.ovsSrc) {
        await buildFromSource(docker, exec, opts, releases as PackagedRelease[], progress);
        return;
      }
      for (const release of releases as PackagedRelease[]) {
        const ref = await buildNodeImage(docker, exec, { release, ...(opts.base ? { base: opts.base } : {}), debootstrap: opts.debootstrap, force: opts.force }, progress);
        const v = await imageVersions(docker, ref);
        out(`${ref} ready: ${release}, OVS ${v.ovs}, OVN ${v.ovn}`);
      }
    });
}
