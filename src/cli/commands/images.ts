import type { Command } from 'commander';
import { cliContext, out } from '../context.js';

export function registerImages(program: Command): void {
  const images = program.command('images').description('container images of the docker runtime');
  images
    .command('build')
    .description('build the node image from images/Dockerfile (reused by every docker lab)')
    .option('--base <image>', 'base image', 'debian:bookworm-slim')
    .option('--debootstrap <when>', 'make the base with debootstrap: auto (when the base cannot be pulled), always, never', 'auto')
    .option('--force', 'rebuild even when the image exists')
    .option('-v, --verbose', 'print every build line')
    .action(async (opts: { base: string; debootstrap: 'auto' | 'always' | 'never'; force?: boolean; verbose?: boolean }) => {
      const [{ default: Docker }, { connectDocker }, { buildNodeImage }] = await Promise.all([import('dockerode'), import('../../runtime/docker/client.js'), import('../../runtime/docker/images.js')]);
      const docker = await connectDocker(new Docker());
      const { exec } = cliContext(opts);
      const progress = (line: string) => {
        // Build output is long: show step lines (and everything with --verbose).
        if (opts.verbose || /^(Step \d+|building|debootstrap|importing|cannot pull|Successfully|ovn-lab)/.test(line)) process.stderr.write(`[images] ${line}\n`);
      };
      const ref = await buildNodeImage(docker, exec, { base: opts.base, debootstrap: opts.debootstrap, force: opts.force }, progress);
      out(`${ref} ready`);
    });
}
