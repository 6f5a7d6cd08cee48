import type Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../base/errors.js';
import type { Engine } from '../../topology/model.js';

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
export async function dockerClient(options?: Docker.DockerOptions): Promise<Docker> {
  const { default: DockerClass } = await import('dockerode');
  return new DockerClass(options);
}

/**
 * The dockerode client of an engine, from its address as DOCKER_HOST takes it: unix:///path,
 * tcp://host:port (TLS with DOCKER_CERT_PATH's ca.pem, cert.pem and key.pem when DOCKER_TLS_VERIFY
 * is set, as the docker CLI does) or ssh://user@host[:port] (with the ssh agent). Without an
 * engine: the local one, or DOCKER_HOST's.
 */
export function engineClient(engine?: Engine): Promise<Docker> {
  if (!engine) return dockerClient();
  const url = new URL(engine.url);
  if (url.protocol === 'unix:') return dockerClient({ socketPath: url.pathname });
  if (url.protocol === 'ssh:') {
    return dockerClient({
      protocol: 'ssh',
      host: url.hostname,
      port: Number(url.port || 22),
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      sshOptions: { agent: process.env.SSH_AUTH_SOCK },
    });
  }
  const tls = process.env.DOCKER_TLS_VERIFY && process.env.DOCKER_TLS_VERIFY !== '0';
  const certs = process.env.DOCKER_CERT_PATH ?? join(process.env.HOME ?? '/root', '.docker');
  const read = (f: string) => readFileSync(join(certs, f));
  return dockerClient({
    host: url.hostname,
    port: Number(url.port),
    protocol: tls ? 'https' : 'http',
    ...(tls ? { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') } : {}),
  });
}

/** How long an engine may take to answer its first ping before it counts as unreachable. */
const PING_TIMEOUT_MS = 10_000;

/**
 * A dockerode client that has answered a ping; a clear error says how to start dockerd otherwise,
 * or, for a named engine, which one did not answer.
 */
export async function connectDocker(client?: Docker, engine?: Engine): Promise<Docker> {
  const docker = client ?? (await dockerClient());
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${PING_TIMEOUT_MS / 1000} s`)), PING_TIMEOUT_MS)));
    await Promise.race([docker.ping(), timeout]).finally(() => clearTimeout(timer));
    return docker;
  } catch (err) {
    if (engine) {
      throw new EngineUnreachable(engine, err as Error);
    }
    throw new UserError(`the docker runtime needs a running Docker daemon, and none answered (${(err as Error).message})`, "start it (e.g. 'systemctl start docker', or 'dockerd &'), or use --runtime netns", { cause: err });
  }
}

/** A named engine of a lab that did not answer. */
export class EngineUnreachable extends UserError {
  constructor(
    readonly engine: Engine,
    cause: Error,
  ) {
    super(`Docker engine '${engine.name}' (${engine.url}) did not answer: ${cause.message}`, `check that its dockerd runs and this machine reaches it (docker -H ${engine.url} info)`, { cause });
  }
}
