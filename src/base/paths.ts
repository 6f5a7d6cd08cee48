import { isAbsolute, join, normalize } from 'node:path';
import { labNameProblem } from './lab-name.js';
import { UserError } from './errors.js';

/** The directory labs use when LAB_STATE_DIR is not set. */
const DEFAULT_STATE_ROOT = '/run/lab';

/**
 * Where labs keep their records, sockets, databases and logs: one directory per lab.
 * Under /run, so a reboot (which also removes namespaces and processes) clears it too.
 * LAB_STATE_DIR moves it; the value becomes part of daemon command lines and scripts, so it must
 * be an absolute path of plain characters.
 */
export function stateRoot(): string {
  const value = process.env.LAB_STATE_DIR;
  if (value === undefined || value === '') return DEFAULT_STATE_ROOT;
  if (!isAbsolute(value) || !/^[A-Za-z0-9._/+@-]+$/.test(value) || normalize(value) === '/' || value.split('/').includes('..')) {
    throw new UserError(`LAB_STATE_DIR='${value}' cannot be used`, `give an absolute path of letters, digits and . _ - + @ (like /run/lab-tests), or unset it to use ${DEFAULT_STATE_ROOT}`);
  }
  return normalize(value).replace(/\/$/, '');
}

/**
 * Refuses, with a user error, a lab name that could not come from a valid topology file: it is
 * joined to the state root and removed by `down`, so '..', '', 'a/b' must never reach a path.
 */
export function requireLabName(name: string, where = 'lab name'): string {
  const problem = labNameProblem(name);
  if (problem) throw new UserError(`${where} '${name}' is not a lab name: ${problem}`, "name a lab as its file's 'name:' says (letters, digits, - and _), or give the topology file");
  return name;
}

export function labDir(lab: string): string {
  return join(stateRoot(), requireLabName(lab));
}

/** The file in a lab's state directory that records the lab (see core/lab-store). */
export const RECORD_FILE = 'lab.json';
