import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { findProgram, isRoot, missingRequirements, requireRoot } from '../../base/host.js';
import { UserError } from '../../base/errors.js';
import { cliContext, out } from '../context.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check that this host can run labs')
    .option('--install', "first install the Debian/Ubuntu packages the netns runtime needs that are missing (apt-get, as root): what 'npm run setup' does in a clone, for lab installed as a package")
    .action(async (opts: { install?: boolean }) => {
      const [{ kernelDatapathAvailable }, { DNSMASQ, NETNS_REQUIREMENTS }] = await Promise.all([import('../../ovn/datapath.js'), import('../../runtime/netns/requirements.js')]);
      if (opts.install) installPackages(missingRequirements([...NETNS_REQUIREMENTS, DNSMASQ]).map((r) => r.pkg));
      let ok = true;
      const line = (good: boolean, text: string, fix?: string) => {
        if (!good) ok = false;
        out(`${good ? 'ok  ' : 'FAIL'} ${text}${!good && fix ? `\n     fix: ${fix}` : ''}`);
      };
      line(isRoot(), 'running as root', "run 'sudo lab …'");
      const [major, minor] = process.versions.node.split('.').map(Number);
      line(major! > 20 || (major === 20 && minor! >= 19), `Node.js ${process.versions.node} (needs 20.19 or newer)`, 'install a newer Node.js');
      for (const r of NETNS_REQUIREMENTS) {
        const path = findProgram(r.program);
        line(!!path, `${r.program}${path ? ` (${path})` : ''}`, `apt-get install ${r.pkg}`);
      }
      const dnsmasq = findProgram(DNSMASQ.program);
      out(`${dnsmasq ? 'ok  ' : 'info'} ${DNSMASQ.program}${dnsmasq ? ` (${dnsmasq})` : ` missing: only labs with dnsmasq services need it (apt-get install ${DNSMASQ.pkg})`}`);
      const { parseVersions, VERSIONS_COMMAND } = await import('../../runtime/versions.js');
      const versions = parseVersions((await cliContext({}).exec(['sh', '-c', VERSIONS_COMMAND], { nothrow: true })).stdout);
      out(`info netns runtime: this machine's OVS ${versions.ovs}, OVN ${versions.ovn}; the docker runtime runs images of a Debian release (lab images build --release bookworm|trixie|sid)`);
      await dockerImages();
      out(`info datapath: ${kernelDatapathAvailable() ? 'kernel (openvswitch and geneve modules loaded)' : 'userspace (netdev); the openvswitch kernel module is not loaded'}`);
      if (!ok) process.exitCode = 2;
    });
}

/** The docker runtime's node images, per release: built or not, and what they run. */
async function dockerImages(): Promise<void> {
  const [{ dockerClient }, images] = await Promise.all([import('../../runtime/docker/client.js'), import('../../runtime/docker/images.js')]);
  const docker = await dockerClient();
  try {
    await docker.ping();
  } catch {
    out('info docker runtime: no Docker daemon answers (only docker labs need one)');
    return;
  }
  for (const release of images.RELEASES) {
    const ref = images.nodeImage(release);
    if (!(await images.imageExists(docker, ref))) {
      out(`info docker image ${ref}: not built (lab images build --release ${release})`);
      continue;
    }
    const v = await images.imageVersions(docker, ref);
    out(`ok   docker image ${ref}: ${release}, OVS ${v.ovs}, OVN ${v.ovn}`);
  }
}

/** Installs the packages with apt-get, its output shown; refused without root, failed when apt-get fails. */
function installPackages(missing: string[]): void {
  const pkgs = [...new Set(missing)];
  if (!pkgs.length) {
    out('info every package the netns runtime needs is installed');
    return;
  }
  requireRoot('doctor --install');
  out(`info installing ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...pkgs],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env });
    if (r.status !== 0) throw new UserError(`apt-get ${args[0]} failed${r.error ? ` (${r.error.message})` : ` with exit code ${String(r.status)}`}`, `install them yourself: apt-get install ${pkgs.join(' ')}`);
  }
}
