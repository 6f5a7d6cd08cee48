import { createRequire } from 'node:module';
import type Docker from 'dockerode';
import { UserError } from '../../base/errors.js';

/** Labels every container and network of a docker lab carries, so `down` finds them from Docker alone. */
export const LABEL_LAB = 'ovn-lab.lab';
export const LABEL_NODE = 'ovn-lab.node';
/** The host directory holding the lab's record (LAB_STATE_DIR when it came up). */
export const LABEL_STATE = 'ovn-lab.state-dir';

export function containerName(lab: string, node: string): string {
  return `lab-${lab}-${node}`;
}

export function networkName(lab: string): string {
  return `lab-${lab}-underlay`;
}

/** The Docker network of a provider network of a lab. */
export function providerNetworkName(lab: string, network: string): string {
  return `lab-${lab}-net-${network}`;
}

/**
 * A dockerode client, loaded on first use: dockerode and its dependencies take a tenth of a second
 * to import, which every netns command would otherwise pay.
 */
export function dockerClient(options?: Docker.DockerOptions): Docker {
  const DockerClass = createRequire(import.meta.url)('dockerode') as typeof Docker;
  return new DockerClass(options);
}

/** A dockerode client that has answered a ping; a clear error says how to start dockerd otherwise. */
export async function connectDocker(docker: Docker = dockerClient()): Promise<Docker> {
  try {
    await docker.ping();
    return docker;
  } catch (err) {
    throw new UserError(
      `the docker runtime needs a running Docker daemon, and none answered (${(err as Error).message})`,
      "start it (e.g. 'systemctl start docker', or 'dockerd &'), or use --runtime netns",
      { cause: err },
    );
  }
}
