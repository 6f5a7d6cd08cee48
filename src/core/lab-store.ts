import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';
import type { Exec } from '../base/exec.js';
import type { Lab } from '../topology/model.js';
import { UserError } from '../base/errors.js';
import { labNameProblem } from '../base/lab-name.js';
import { labDir, RECORD_FILE, stateRoot } from '../base/paths.js';
import { processAlive, processId, type ProcessId } from '../base/processes.js';

/** The version of {@link LabRecord}'s shape; a record without one is of version 1 (no owner, maker or state). */
export const RECORD_FORMAT = 2;

/** What a lab leaves on disk about itself, so `down` and `status` need neither the file nor the tool's memory. */
export interface LabRecord {
  format: number;
  lab: Lab;
  runtime: string;
  /** Datapath in use (auto resolved). */
  datapath: string;
  createdAt: string;
  /** Who made it: the user behind sudo, else the caller. */
  owner: { user: string; uid: number };
  /** The process that makes it (`lab up`, `lab test`), as it can be told from a later one with its PID. */
  maker: ProcessId & { command: string };
  /** `starting` until up's last step is done; `down` stops a maker that is still starting it. */
  state: 'starting' | 'up';
}

const RECORD = RECORD_FILE;

/** The user behind sudo (SUDO_USER, SUDO_UID), else the one running lab. */
export function currentOwner(): LabRecord['owner'] {
  const uid = Number(process.env.SUDO_UID);
  if (process.env.SUDO_USER && Number.isInteger(uid)) return { user: process.env.SUDO_USER, uid };
  return { user: userInfo().username, uid: process.getuid?.() ?? -1 };
}

/** What each command that changes a lab does to it, as its refusal says it. */
const DOING = { down: 'take it down', reset: 'reset it', kill: 'kill it', restart: 'restart it', solution: 'apply it', exercise: 'start it' } as const;

/**
 * A command that changes a lab: its verb, and what else it was given (`lab kill hv1
 * ovn-controller` names a node and a daemon; the lab goes last, as --lab, after them).
 */
export type LabChange = keyof typeof DOING | { verb: keyof typeof DOING; args: readonly string[] };

/**
 * Refuses to act on (take down, reset, kill or restart a daemon of, apply a solution to, start an
 * exercise of) a lab
 * another user made, unless forced: says whose it is and what to do. A lab of an unknown owner
 * (recorded before owners were) is anyone's.
 */
export function requireOwnLab(record: Pick<LabRecord, 'owner' | 'lab'>, change: LabChange, force: boolean | undefined, me = currentOwner()): void {
  const owner = record.owner.user;
  if (force || owner === 'unknown' || owner === me.user) return;
  const name = record.lab.name;
  const { verb, args } = typeof change === 'string' ? { verb: change, args: [] } : change;
  const line = args.length ? `lab ${verb} ${args.join(' ')} --lab ${name}` : `lab ${verb} ${name}`;
  throw new UserError(`lab '${name}' belongs to ${owner}, not to you (${me.user})`, `ask ${owner} to run '${line}', or run '${line} --force' to ${DOING[verb]} anyway`);
}

/** This process as the maker of a lab. */
export function thisMaker(command: string): LabRecord['maker'] {
  return { ...(processId(process.pid) ?? { pid: process.pid, start: '' }), command };
}

/** A full disk where lab writes its state, said as such (not a stack trace). */
function diskFull(err: unknown, where: string): never {
  if ((err as NodeJS.ErrnoException).code === 'ENOSPC') {
    throw new UserError(`no space left on the device of ${where}`, 'free space there (df -h), or point LAB_STATE_DIR at a directory with room; nothing was made');
  }
  throw err;
}

/** A claim in the making: a hidden directory (not a lab name) renamed into place once its record is in. */
function claimDir(name: string, pid = process.pid): string {
  return join(stateRoot(), `.${name}.${pid}.claim`);
}

/**
 * Claims a lab name before anything else is created: the state directory appears with its record
 * already in it (written in a hidden directory, then renamed into place), so two `up`s of one name
 * cannot both proceed, and a directory without a record is never one lab made.
 */
export async function claimLab(record: LabRecord): Promise<void> {
  const name = record.lab.name;
  const dir = labDir(name);
  const tmp = claimDir(name);
  try {
    await mkdir(stateRoot(), { recursive: true });
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp);
    await writeFile(join(tmp, RECORD), JSON.stringify(record, null, 2));
  } catch (err) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    diskFull(err, stateRoot());
  }
  // rename(2) would replace an empty directory: look first (a race with another claim is lost by
  // one of them, as the other's directory is not empty).
  const taken = await lstat(dir).then(
    () => true,
    () => false,
  );
  const moved = taken
    ? false
    : await rename(tmp, dir).then(
        () => true,
        () => false,
      );
  if (moved && (await removing(name))) {
    // A `down` of this name with no record to go by is under way: it goes first (see holdForRemoval).
    await rm(dir, { recursive: true, force: true });
    throw new UserError(`lab '${name}' is being taken down`, `wait for 'lab down ${name}' to finish, then run this again`);
  }
  if (moved) return;
  await rm(tmp, { recursive: true, force: true });
  const existing = await readRecord(name).catch(() => undefined);
  const from = existing?.lab.file ? ` (from ${existing.lab.file})` : '';
  if (!existing) throw new UserError(`${dir} exists and is not a lab's state directory`, `choose another lab name, or LAB_STATE_DIR`);
  const state = existing.state === 'starting' && processAlive(existing.maker.pid) ? 'is coming up' : 'is already up';
  throw new UserError(`lab '${name}' ${state}${from}, made by ${existing.owner.user}`, `run 'lab down ${name}' first, or give this lab another name`);
}

/** Where a `down` with no record to go by notes that it is removing whatever has this name. */
function removalMark(name: string): string {
  return join(stateRoot(), `.${name}.down`);
}

/** Whether a live `down` holds the name (see {@link holdForRemoval}). */
async function removing(name: string): Promise<boolean> {
  const pid = Number(await readFile(removalMark(name), 'utf8').catch(() => ''));
  return pid > 0 && processAlive(pid);
}

/**
 * For a `down` that found no record: holds the name so that no `up` claims it while `down` removes
 * whatever carries it. Each side notes itself first and then looks for the other (up: its state
 * directory, then this mark; down: this mark, then the state directory), so at least one of them
 * sees the other. Returns the release, or undefined when a lab claimed the name meanwhile (then
 * `down` goes by its record).
 */
export async function holdForRemoval(name: string): Promise<(() => Promise<void>) | undefined> {
  const mark = removalMark(name);
  await mkdir(stateRoot(), { recursive: true });
  await writeFile(mark, String(process.pid));
  const release = () => rm(mark, { force: true });
  if (
    await lstat(labDir(name)).then(
      () => true,
      () => false,
    )
  ) {
    await release();
    return undefined;
  }
  return release;
}

/** Records that every step of up is done (written whole: a reader never sees half a record). */
export async function markLabUp(name: string): Promise<void> {
  const record = await readRecord(name);
  await writeRecord(name, { ...record, state: 'up' });
}

async function writeRecord(name: string, record: LabRecord): Promise<void> {
  const file = join(labDir(name), RECORD);
  try {
    await writeFile(`${file}.new`, JSON.stringify(record, null, 2));
    await rename(`${file}.new`, file);
  } catch (err) {
    diskFull(err, labDir(name));
  }
}

/**
 * A lab's record. One of format 1 (before owners were recorded) is read as made by an unknown
 * user and up; one of a later format than this lab knows is refused, saying what to do.
 */
export async function readRecord(name: string): Promise<LabRecord> {
  const raw = JSON.parse(await readFile(join(labDir(name), RECORD), 'utf8')) as Partial<LabRecord> & { pid?: number };
  const format = raw.format ?? 1;
  if (format > RECORD_FORMAT) {
    throw new UserError(`lab '${name}' was made by a newer lab (record format ${format}; this one reads up to ${RECORD_FORMAT})`, "use that lab's version for it, or remove it with that version's 'lab down'");
  }
  if (format === 1) return { ...(raw as LabRecord), format, owner: { user: 'unknown', uid: -1 }, maker: { pid: raw.pid ?? 0, start: '', command: 'up' }, state: 'up' };
  return raw as LabRecord;
}

/** Names of the labs that have a state directory, with a record (a directory without one is not a lab's). */
export async function listLabs(): Promise<string[]> {
  const root = stateRoot();
  try {
    const entries = await readdir(root, { withFileTypes: true });
    const named = entries.filter((e) => e.isDirectory() && !labNameProblem(e.name)).map((e) => e.name);
    const recorded = await Promise.all(
      named.map((n) =>
        lstat(join(root, n, RECORD)).then(
          () => true,
          () => false,
        ),
      ),
    );
    return named.filter((_, i) => recorded[i]).sort();
  } catch {
    return [];
  }
}

/**
 * Refuses a state directory that lab did not make: one that is not a plain directory (a symlink)
 * right under the state root, or that holds no lab record (a claim puts the record in before the
 * directory appears, so even an empty one is not lab's). Returns false when there is none.
 */
export async function checkStateDir(name: string): Promise<boolean> {
  const dir = labDir(name);
  const st = await lstat(dir).catch(() => undefined);
  if (!st) return false;
  const hint = 'lab only removes state directories it made; look at it and remove it yourself if it is yours';
  if (!st.isDirectory()) throw new UserError(`${dir} is not a lab's state directory (it is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a directory'})`, hint);
  const entries = await readdir(dir);
  if (!entries.includes(RECORD)) throw new UserError(`${dir} has no lab record (${RECORD}), so it is not a lab's state directory`, hint);
  return true;
}

/** Removes a lab's state directory, after {@link checkStateDir}, and claims of its name left half made by a killed `up`. */
export async function releaseLab(name: string): Promise<void> {
  if (await checkStateDir(name)) await rm(labDir(name), { recursive: true, force: true });
  for (const entry of await readdir(stateRoot()).catch(() => [] as string[])) {
    const claim = /^\.(.+)\.(\d+)\.claim$/.exec(entry);
    if (claim?.[1] === name && !processAlive(Number(claim[2]))) await rm(join(stateRoot(), entry), { recursive: true, force: true });
  }
}

/**
 * Removes the state directory of lab `name` found elsewhere than under this state root (it came up
 * with another LAB_STATE_DIR): only a plain directory named after the lab whose record is that lab's.
 */
export async function releaseStateDirAt(dir: string, name: string): Promise<void> {
  if (basename(dir) !== name || dir === labDir(name)) return;
  const st = await lstat(dir).catch(() => undefined);
  if (!st?.isDirectory()) return;
  const record = await readFile(join(dir, RECORD), 'utf8')
    .then((t) => JSON.parse(t) as LabRecord)
    .catch(() => undefined);
  if (record?.lab?.name === name) await rm(dir, { recursive: true, force: true });
}

/** Claims a lab with commands instead of fs calls (for `lab script`): mkdir fails when the lab is up. */
export async function claimLabWith(exec: Exec, record: LabRecord): Promise<void> {
  const dir = labDir(record.lab.name);
  await exec(['mkdir', '-p', stateRoot()]);
  await exec(['mkdir', dir]);
  // When and by whom are the script's own, filled in as it runs (so the script reads the same each time).
  const template = { ...record, createdAt: '@CREATED@', maker: { pid: -1, start: '', command: 'script' } };
  const json = JSON.stringify(template, null, 2).replace('"pid": -1', '"pid": @PID@');
  await exec(['sh', '-c', 'sed "s/@CREATED@/$(date -u +%Y-%m-%dT%H:%M:%SZ)/; s/@PID@/$PPID/" > "$0"', join(dir, RECORD)], { input: `${json}\n` });
}
