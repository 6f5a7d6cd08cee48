import { createExec, type Exec } from '../base/exec.js';
import type { Reporter } from '../base/events.js';
import { chooseReporter } from '../report/choose.js';
import { UserError } from '../base/errors.js';
import { listLabs } from '../core/lab-store.js';
import { requireLabName } from '../base/paths.js';
import { RELEASES, withRelease, type Engine, type Lab, type Release } from '../topology/model.js';

/** What every command gets: a reporter for progress and an exec that reports each command. */
export interface CliContext {
  reporter: Reporter;
  exec: Exec;
}

export function cliContext(opts: { verbose?: boolean }): CliContext {
  const reporter = chooseReporter(opts);
  const exec = createExec((argv) => reporter.notify({ type: 'command', argv }));
  return { reporter, exec };
}

/** How every verb that works on a lab that is up describes --lab. */
export const LAB_OPTION = 'lab name (default: $LAB, else the only lab that is up)';

/** The lab a command is about: the one named (with --lab, or in $LAB), or the only one that is up. */
export async function pickLab(given: string | undefined): Promise<string> {
  const name = given ?? (process.env.LAB || undefined);
  if (name !== undefined) requireLabName(name, given === undefined ? 'LAB' : 'lab name');
  const labs = await listLabs();
  if (name) {
    if (!labs.includes(name)) {
      throw new UserError(`no lab named '${name}' is up`, labs.length ? `labs that are up: ${labs.join(', ')}` : "start one with 'lab up FILE'");
    }
    return name;
  }
  if (labs.length === 1) return labs[0]!;
  if (!labs.length) throw new UserError('no lab is up', "start one with 'lab up FILE'");
  throw new UserError(`several labs are up (${labs.join(', ')})`, 'say which one with --lab NAME, or export LAB=NAME');
}

/** Prints to stdout (results), as opposed to the reporter's progress on stderr. */
export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A lab with `--release` applied: every node on that release (refused when it is not one). */
export function releaseOption(lab: Lab, release: string | undefined): Lab {
  if (release === undefined) return lab;
  if (!(RELEASES as readonly string[]).includes(release)) throw new UserError(`unknown release '${release}'`, `give one of: ${RELEASES.join(', ')}`);
  return withRelease(lab, release as Release);
}

/**
 * The topology loader, imported when a command reads a file: its schema library and YAML parser
 * are most of a short command's start-up time, and commands on a running lab never need them.
 */
export async function topologyLoader(): Promise<typeof import('../topology/load.js')> {
  return import('../topology/load.js');
}

/** How up and test describe --engines. */
export const ENGINES_OPTION = "docker runtime: spread the lab over these Docker engines (NAME=URL,... or URL,...), central on the first, chassis round-robin; default: the file's engines:, else LAB_ENGINES, else the local engine";

/** The engines --engines names (undefined without it: the runtime places the lab as its file or LAB_ENGINES says). */
export async function enginesOption(given: string | undefined): Promise<Engine[] | undefined> {
  if (given === undefined) return undefined;
  const { parseEngines } = await import('../topology/engines.js');
  return parseEngines(given, '--engines');
}
