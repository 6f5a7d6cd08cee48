import type { Exec } from '../base/exec.js';
import { UserError } from '../base/errors.js';
import { labDir } from '../base/paths.js';
import type { Engine, Lab, RuntimeName } from '../topology/model.js';
import { placeDockerLab } from './docker/placement.js';
import { placeNetnsLab } from './netns/placement.js';
import { DockerRuntime } from './docker/docker-runtime.js';
import { engineClient } from './docker/client.js';
import { NetnsRuntime } from './netns/netns-runtime.js';
import type { Runtime, UnderlayMove } from './runtime.js';
import { copyUnderlay } from './docker/underlay-subnet.js';

/** Makes the runtime of one lab (the resolved lab when known); passed in so unit tests can use a fake. */
export type RuntimeFactory = (name: string, lab: string, exec: Exec, resolved?: Lab) => Runtime;

/** What lab knows of a runtime: how to make it for a lab, and where it puts the lab's nodes. */
interface RuntimeEntry {
  create(lab: string, exec: Exec, resolved?: Lab): Runtime;
  /** The lab with its nodes placed (on Docker engines), refused where a placement cannot apply. */
  place(lab: Lab, engines?: Engine[]): Lab;
  /** Where a copy of a file (`--name`) must put its underlay instead of the file's, and why (undefined: where the file says). */
  freeUnderlay?(lab: Lab): Promise<UnderlayMove | undefined>;
}

/** Every runtime `lab` knows, by the name used in topology files and --runtime. */
const RUNTIMES: Record<string, RuntimeEntry> = {
  netns: { create: (lab, exec, resolved) => new NetnsRuntime(lab, labDir(lab), exec, resolved), place: placeNetnsLab },
  docker: { create: (lab, exec, resolved) => new DockerRuntime(lab, exec, (engine) => engineClient(engine), resolved), place: placeDockerLab, freeUnderlay: copyUnderlay },
};

/** The runtime whose commands are plain bash on this machine: what `lab script` writes, whatever runtime the file names. */
export const SCRIPTED_RUNTIME: RuntimeName = 'netns';

export function runtimeNames(): string[] {
  return Object.keys(RUNTIMES);
}

function entry(name: string): RuntimeEntry {
  const found = RUNTIMES[name];
  if (!found) throw new UserError(`runtime '${name}' is not available`, `use one of: ${runtimeNames().join(', ')}`);
  return found;
}

export const createRuntime: RuntimeFactory = (name, lab, exec, resolved) => entry(name).create(lab, exec, resolved);

/**
 * Where a copy of a file run under another name (`--name`) puts its underlay, when runtime `name`
 * cannot have it where the file says (a Docker engine's networks cannot share addresses); network
 * namespaces need no move: each lab's underlay is in its own namespaces.
 */
export async function underlayForCopy(name: string, lab: Lab): Promise<UnderlayMove | undefined> {
  return entry(name).freeUnderlay?.(lab);
}

/** The lab as runtime `name` runs it: its nodes placed (Docker engines from `engines`, the file or LAB_ENGINES). */
export function placeLab(name: string, lab: Lab, engines?: Engine[]): Lab {
  return entry(name).place(lab, engines);
}
