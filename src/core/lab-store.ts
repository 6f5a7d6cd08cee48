import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Exec } from '../exec/exec.js';
import type { Lab } from '../topology/model.js';
import { UserError } from './errors.js';
import { labDir, stateRoot } from './paths.js';

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
  try {
    const entries = await readdir(stateRoot(), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

export async function releaseLab(name: string): Promise<void> {
  await rm(labDir(name), { recursive: true, force: true });
}

/** Claims a lab with commands instead of fs calls (for `lab script`): mkdir fails when the lab is up. */
export async function claimLabWith(exec: Exec, record: LabRecord): Promise<void> {
  const dir = labDir(record.lab.name);
  await exec(['mkdir', '-p', stateRoot()]);
  await exec(['mkdir', dir]);
  await exec(['sh', '-c', 'cat > "$0"', join(dir, RECORD)], { input: `${JSON.stringify(record, null, 2)}\n` });
}
