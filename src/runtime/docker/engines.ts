import type Docker from 'dockerode';
import { UserError } from '../../base/errors.js';
import type { Engine } from '../../topology/model.js';
import { connectDocker, EngineUnreachable } from './client.js';

/** Makes the client of an engine (the local one without); passed in so unit tests can use a fake. */
export type ClientFactory = (engine?: Engine) => Docker | Promise<Docker>;

/**
 * The Docker engines of one lab, each connected once on first use: the local engine when the lab
 * names none. Across several engines they must be one swarm, the first a manager: the lab's overlay
 * networks are made there and reach every engine.
 */
export class EngineSet {
  private readonly clients = new Map<string, Promise<Docker>>();

  constructor(
    /** The engines to work on, first the manager; empty: the local engine. */
    readonly engines: readonly Engine[],
    private readonly makeClient: ClientFactory,
  ) {}

  /** The client of an engine by name (undefined: the first, or the local one). */
  client(name?: string): Promise<Docker> {
    const engine = name === undefined ? this.engines[0] : this.engines.find((e) => e.name === name);
    if (name !== undefined && !engine) return Promise.reject(new Error(`no engine '${name}' in this lab`));
    const key = engine?.name ?? '';
    let client = this.clients.get(key);
    if (!client) {
      client = Promise.resolve(this.makeClient(engine)).then((docker) => connectDocker(docker, engine));
      this.clients.set(key, client);
    }
    return client;
  }

  /** Engine names to go through: every engine, or just the local one (undefined). */
  names(): (string | undefined)[] {
    return this.engines.length ? this.engines.map((e) => e.name) : [undefined];
  }

  /** `docker`, or `docker -H URL` for a named engine: how -v shows a command there, pasteable. */
  cli(name: string | undefined): string[] {
    return name === undefined ? ['docker'] : ['docker', '-H', this.url(name)];
  }

  url(name: string | undefined): string {
    return this.engines.find((e) => e.name === name)?.url ?? 'the local engine';
  }

  /**
   * Refuses, before anything is made, a set of engines that is not one swarm with a manager first:
   * each engine's swarm state, and the manager's list of swarm nodes against each engine's own id.
   */
  async requireOneSwarm(): Promise<void> {
    const [first, ...others] = this.engines;
    if (!first || !others.length) return;
    const join = (e: Engine) => `join it: docker -H ${e.url} swarm join --token $(docker -H ${first.url} swarm join-token -q worker) MANAGER-ADDRESS:2377`;
    const info = async (e: Engine) => (await (await this.client(e.name)).info()) as { Swarm?: { LocalNodeState?: string; NodeID?: string; ControlAvailable?: boolean } };
    const manager = await info(first);
    if (manager.Swarm?.LocalNodeState !== 'active') {
      throw new UserError(
        `Docker engine '${first.name}' (${first.url}) is not part of a swarm: a lab across engines needs them joined in one`,
        `make it a manager: docker -H ${first.url} swarm init --advertise-addr ADDRESS, then join the others (docs/runtimes.md, "Labs across machines")`,
      );
    }
    if (!manager.Swarm.ControlAvailable) {
      throw new UserError(`Docker engine '${first.name}' (${first.url}) is a swarm worker: the first engine of a lab must be a manager, where its overlay networks are made`, 'list a manager first in engines (or --engines)');
    }
    const members = new Set((await (await this.client(first.name)).listNodes()).map((n: { ID: string }) => n.ID));
    for (const e of others) {
      const own = await info(e);
      if (own.Swarm?.LocalNodeState !== 'active' || !members.has(own.Swarm.NodeID ?? '')) {
        throw new UserError(`Docker engine '${e.name}' (${e.url}) is not part of the swarm of '${first.name}'`, join(e));
      }
    }
  }

  /**
   * Runs `work` on every engine that answers; the ones that do not are returned, so a teardown
   * removes what it can reach and says what is left.
   */
  async onEach<T>(work: (docker: Docker, name: string | undefined) => Promise<T>): Promise<{ results: T[]; unreachable: EngineUnreachable[] }> {
    const results: T[] = [];
    const unreachable: EngineUnreachable[] = [];
    for (const name of this.names()) {
      let docker: Docker;
      try {
        docker = await this.client(name);
      } catch (e) {
        if (e instanceof EngineUnreachable) {
          unreachable.push(e);
          continue;
        }
        throw e;
      }
      results.push(await work(docker, name));
    }
    return { results, unreachable };
  }
}
