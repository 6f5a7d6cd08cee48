import type { Command } from 'commander';
import { findProgram, isRoot } from '../../base/host.js';
import { cliContext, out } from '../context.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check that this host can run labs')
    .action(async () => {
      const [{ kernelDatapathAvailable }, { DNSMASQ, NETNS_REQUIREMENTS }] = await Promise.all([import('../../ovn/datapath.js'), import('../../runtime/netns/requirements.js')]);
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
