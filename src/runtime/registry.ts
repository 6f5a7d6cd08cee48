import type { Exec } from '../base/exec.js';
import { UserError } from '../base/errors.js';
import { labDir } from '../base/paths.js';
import type { Lab } from '../topology/model.js';
import { DockerRuntime } from './docker/docker-runtime.js';
import { engineClient } from './docker/client.js';
import { NetnsRuntime } from './netns/netns-runtime.js';
import type { Runtime } from './runtime.js';

/** Makes the runtime of one lab (the resolved lab when known); passed in so unit tests can use a fake. */
export type RuntimeFactory = (name: string, lab: string, exec: Exec, resolved?: Lab) => Runtime;

/** Every runtime `lab` knows, by the name used in topology files and --runtime. */
const RUNTIMES: Record<string, (lab: string, exec: Exec, resolved?: Lab) => Runtime> = {
  netns: (lab, exec, resolved) => new NetnsRuntime(lab, labDir(lab), exec, resolved),
  docker: (lab, exec, resolved) => new DockerRuntime(lab, exec, (engine) => engineClient(engine), resolved),
};

export function runtimeNames(): string[] {
  return Object.keys(RUNTIMES);
}

export const createRuntime: RuntimeFactory = (name, lab, exec, resolved) => {
  const factory = RUNTIMES[name];
  if (!factory) {
    throw new UserError(`runtime '${name}' is not available`, `use one of: ${runtimeNames().join(', ')}`);
  }
  return factory(lab, exec, resolved);
};
