import { createExec, type Exec } from '../base/exec.js';
import type { Reporter } from '../base/events.js';
import { chooseReporter } from '../report/choose.js';
import { UserError } from '../base/errors.js';
import { listLabs } from '../core/lab-store.js';
import { requireLabName } from '../base/paths.js';
import { resolve } from 'node:path';
import { isRelease, RELEASES, withBuild, withRelease, type Build, type Engine, type Lab } from '../topology/model.js';

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

/**
 * The name a command is given, the same way for every command: the name alone (where a command
 * takes one) or --lab (not both, unless they agree), else $LAB; undefined when none says.
 */
export function givenLabName(arg: string | undefined, option: string | undefined, env: NodeJS.ProcessEnv = process.env): { name: string; from: string } | undefined {
  if (arg !== undefined && option !== undefined && arg !== option) throw new UserError(`two labs named: '${arg}' and --lab ${option}`, 'name the lab once: as the argument or with --lab');
  const given = arg ?? option;
  if (given !== undefined) return { name: given, from: 'lab name' };
  return env.LAB ? { name: env.LAB, from: 'LAB' } : undefined;
}

/** The lab a command is about: the one named (as its argument, with --lab, or in $LAB), or the only one that is up. */
export async function pickLab(given: string | undefined, option?: string): Promise<string> {
  const chosen = givenLabName(given, option);
  const name = chosen?.name;
  if (chosen) requireLabName(chosen.name, chosen.from);
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
  if (!isRelease(release)) throw new UserError(`unknown release '${release}'`, `give one of: ${RELEASES.join(', ')}, or an image built from source (src-…, as 'lab images build --ovn-src' names it)`);
  return withRelease(lab, release);
}

/** How up and test describe --ovn and --ovs. */
export const OVN_OPTION = "netns runtime: run central's and every chassis' ovn-northd, ovn-controller, ovn-* tools and NB/SB schemas from this OVN tree, built with its own ./configure && make and not installed, whatever the file says";
export const OVS_OPTION = 'netns runtime: run ovsdb-server, ovs-vswitchd, the ovs-* tools and the vswitch schema from this built OVS tree (default with --ovn: the OVS that OVN was built against, its ovs submodule)';

/** The build `--ovn`/`--ovs` name (paths relative to here), undefined without either. */
export function buildFlags(ovn: string | undefined, ovs: string | undefined): Build | undefined {
  if (ovn === undefined && ovs === undefined) return undefined;
  for (const [flag, dir] of [
    ['--ovn', ovn],
    ['--ovs', ovs],
  ] as const)
    if (dir === '') throw new UserError(`${flag} needs a directory`, `give the built tree, like ${flag} ~/src/${flag.slice(2)}`);
  return { ...(ovn ? { ovn: { dir: resolve(ovn) } } : {}), ...(ovs ? { ovs: { dir: resolve(ovs) } } : {}) };
}

/** A lab with `--ovn`/`--ovs` applied: every central and chassis on those build trees, whatever the file says. */
export function buildOption(lab: Lab, ovn: string | undefined, ovs: string | undefined): Lab {
  const build = buildFlags(ovn, ovs);
  return build ? withBuild(lab, build) : lab;
}

/**
 * The topology loader, imported when a command reads a file: its schema library and YAML parser
 * are most of a short command's start-up time, and commands on a running lab never need them.
 */
export async function topologyLoader(): Promise<typeof import('../topology/load.js')> {
  return import('../topology/load.js');
}

/** How up and test describe --underlay. */
export const UNDERLAY_OPTION = "the underlay's subnet instead of the file's (default: the file's; a copy under --name whose underlay another lab holds on one Docker engine takes a free /24)";

/**
 * A file's lab as up and test bring it up: under `--name`, on `--underlay`. A copy (`--name`)
 * whose underlay its runtime cannot give it (another lab of one Docker engine holds the subnet)
 * moves to a free one, and says so on stderr.
 */
export async function loadLabFile(file: string, opts: CopyFlags): Promise<Lab> {
  const { loadTopologyMoved } = await topologyLoader();
  return loadTopologyMoved(file, { name: opts.name, underlay: opts.underlay }, (lab) => copyUnderlayMove(lab, opts));
}

/** What up and test take that makes a file's lab a copy of it: another name, another underlay, another runtime. */
export interface CopyFlags {
  name?: string;
  underlay?: string;
  runtime?: string;
}

/** The subnet a copy's underlay moves to (see {@link loadLabFile}), said on stderr; undefined: it stays. */
export async function copyUnderlayMove(lab: Lab, opts: CopyFlags): Promise<string | undefined> {
  if (opts.name === undefined || opts.underlay !== undefined) return undefined;
  const { underlayForCopy } = await import('../runtime/registry.js');
  const move = await underlayForCopy(opts.runtime ?? lab.runtime, lab);
  if (move) process.stderr.write(`lab ${lab.name}: underlay ${move.subnet}, because ${move.why} (--underlay chooses another)\n`);
  return move?.subnet;
}

/** How up and test describe --engines. */
export const ENGINES_OPTION = "docker runtime: spread the lab over these Docker engines (NAME=URL,... or URL,...), central on the first, chassis round-robin; default: the file's engines:, else LAB_ENGINES, else the local engine";

/** The engines --engines names (undefined without it: the runtime places the lab as its file or LAB_ENGINES says). */
export async function enginesOption(given: string | undefined): Promise<Engine[] | undefined> {
  if (given === undefined) return undefined;
  const { parseEngines } = await import('../topology/engines.js');
  return parseEngines(given, '--engines');
}
