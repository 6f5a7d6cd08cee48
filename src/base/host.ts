import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UserError } from './errors.js';

/** A program a runtime runs, and the Debian/Ubuntu package that installs it. */
export interface Requirement {
  program: string;
  pkg: string;
}

/** Finds a program on PATH (and the sbin directories root has). */
export function findProgram(program: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  for (const dir of dirs) {
    const path = join(dir, program);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export function missingRequirements(reqs: readonly Requirement[]): Requirement[] {
  return reqs.filter((r) => !findProgram(r.program));
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Refuses to go on without root: namespaces, veths and OVS daemons need it. */
export function requireRoot(verb: string): void {
  if (!isRoot()) {
    throw new UserError(`'lab ${verb}' needs root: labs are network namespaces and OVS daemons`, `run it as root, e.g. 'sudo lab ${verb} …'`);
  }
}

/** Refuses to go on when a program the lab needs is missing, naming the packages that install them. */
export function requirePrograms(reqs: readonly Requirement[]): void {
  const missing = missingRequirements(reqs);
  if (!missing.length) return;
  const pkgs = [...new Set(missing.map((m) => m.pkg))];
  throw new UserError(`missing ${missing.map((m) => m.program).join(', ')}`, `install them with 'apt-get install ${pkgs.join(' ')}' (or run 'lab doctor')`);
}
