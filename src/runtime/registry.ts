import type { Exec } from '../exec/exec.js';
import { UserError } from '../core/errors.js';
import { labDir } from '../core/paths.js';
import { NetnsRuntime } from './netns/netns-runtime.js';
import type { Runtime } from './runtime.js';

type RuntimeFactory = (lab: string, exec: Exec) => Runtime;

/** Every runtime `lab` knows, by the name used in topology files and --runtime. */
const RUNTIMES: Record<string, RuntimeFactory> = {
  netns: (lab, exec) => new NetnsRuntime(lab, labDir(lab), exec),
};

export function runtimeNames(): string[] {
  return Object.keys(RUNTIMES);
}

export function createRuntime(name: string, lab: string, exec: Exec): Runtime {
  const factory = RUNTIMES[name];
  if (!factory) {
    throw new UserError(`runtime '${name}' is not available`, `use one of: ${runtimeNames().join(', ')}`);
  }
  return factory(lab, exec);
}
