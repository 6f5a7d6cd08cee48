import type { Command } from 'commander';
import { cliContext, out } from '../context.js';
import { UserError } from '../../base/errors.js';

const collect = (value: string, all: string[]) => [...all, value];

export function registerImages(program: Command): void {
  const images = program.command('images').description('container images of the docker runtime');
  images
    .command('build')
    .description('build the node image of a Debian release from images/Dockerfile (reused by every docker lab)')
    .option('--release <name>', 'Debian release: bookworm (OVS 3.1, OVN 23.03), trixie (OVS 3.5, OVN 25.03) or sid (unstable: OVS 4.0, OVN 26.03); repeat for several', collect, [])
    .option('--base <image>', 'base image (default: debian:<release>-slim)')
    .option('--debootstrap <when>', 'make the base with debootstrap: auto (when the base cannot be pulled), always, never', 'auto')
    .option('--force', 'rebuild even when the image exists')
    .option('-v, --verbose', 'print every build line')
    .action(async (opts: { release: string[]; base?: string; debootstrap: 'auto' | 'always' | 'never'; force?: boolean; verbose?: boolean }) => {
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
      for (const release of releases as (typeof RELEASES)[number][]) {
        const ref = await buildNodeImage(docker, exec, { release, ...(opts.base ? { base: opts.base } : {}), debootstrap: opts.debootstrap, force: opts.force }, progress);
        const v = await imageVersions(docker, ref);
        out(`${ref} ready: ${release}, OVS ${v.ovs}, OVN ${v.ovn}`);
      }
    });
}
