import { lstat, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Exec } from '../base/exec.js';
import type { Lab } from '../topology/model.js';
import { UserError } from '../base/errors.js';
import { labNameProblem } from '../base/lab-name.js';
import { labDir, stateRoot } from '../base/paths.js';

/** What a lab leaves on disk about itself, so `down` and `status` need neither the file nor the tool's memory. */
export interface LabRecord {
  lab: Lab;
  runtime: string;
  /** Datapath in use (auto resolved). */
  datapath: string;
  createdAt: string;
  /** PID of the `lab up` that made it. */
  pid: number;
}

const RECORD = 'lab.json';

/**
 * Claims a lab name: creates its state directory (atomically, so two `up`s of one name cannot
 * both proceed) and writes the record before anything else is created.
 */
export async function claimLab(record: LabRecord): Promise<void> {
  const dir = labDir(record.lab.name);
  await mkdir(stateRoot(), { recursive: true });
  try {
    await mkdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const existing = await readRecord(record.lab.name).catch(() => undefined);
    const from = existing?.lab.file ? ` (from ${existing.lab.file})` : '';
    throw new UserError(`lab '${record.lab.name}' is already up${from}`, `run 'lab down ${record.lab.name}' first, or give this lab another name`);
  }
  await writeFile(join(dir, RECORD), JSON.stringify(record, null, 2));
}

export async function readRecord(name: string): Promise<LabRecord> {
  return JSON.parse(await readFile(join(labDir(name), RECORD), 'utf8')) as LabRecord;
}

/** Names of the labs that have a state directory. */
export async function listLabs(): Promise<string[]> {
  const root = stateRoot();
  try {
    const entries = await readdir(root, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory() && !labNameProblem(e.name)).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/**
 * Refuses a state directory that lab did not make: one that is not a plain directory (a symlink)
 * right under the state root, or that holds no lab record and is not empty (a claim interrupted
 * before the record was written leaves it empty). Returns false when there is none.
 */
export async function checkStateDir(name: string): Promise<boolean> {
  const dir = labDir(name);
  const st = await lstat(dir).catch(() => undefined);
  if (!st) return false;
  const hint = 'lab only removes state directories it made; look at it and remove it yourself if it is yours';
  if (!st.isDirectory()) throw new UserError(`${dir} is not a lab's state directory (it is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a directory'})`, hint);
  const entries = await readdir(dir);
  if (entries.length && !entries.includes(RECORD)) throw new UserError(`${dir} has no lab record (${RECORD}), so it is not a lab's state directory`, hint);
  return true;
}

/** Removes a lab's state directory, after {@link checkStateDir}. */
export async function releaseLab(name: string): Promise<void> {
  if (await checkStateDir(name)) await rm(labDir(name), { recursive: true, force: true });
}

/**
 * Removes the state directory of lab `name` found elsewhere than under this state root (it came up
 * with another LAB_STATE_DIR): only a plain directory named after the lab whose record is that lab's.
 */
export async function releaseStateDirAt(dir: string, name: string): Promise<void> {
  if (basename(dir) !== name || dir === labDir(name)) return;
  const st = await lstat(dir).catch(() => undefined);
  if (!st?.isDirectory()) return;
  const record = await readFile(join(dir, RECORD), 'utf8').then((t) => JSON.parse(t) as LabRecord).catch(() => undefined);
  if (record?.lab?.name === name) await rm(dir, { recursive: true, force: true });
}

/** Claims a lab with commands instead of fs calls (for `lab script`): mkdir fails when the lab is up. */
export async function claimLabWith(exec: Exec, record: LabRecord): Promise<void> {
  const dir = labDir(record.lab.name);
  await exec(['mkdir', '-p', stateRoot()]);
  await exec(['mkdir', dir]);
  await exec(['sh', '-c', 'cat > "$0"', join(dir, RECORD)], { input: `${JSON.stringify(record, null, 2)}\n` });
}
