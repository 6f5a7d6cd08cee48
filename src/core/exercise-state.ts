import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../base/errors.js';
import { labDir } from '../base/paths.js';
import type { Exercise } from '../features/exercises/index.js';
import { readRecord } from './lab-store.js';

/** Where a lab keeps its learner's progress, beside its record (gone with the lab, cleared by `lab reset`). */
const STATE_FILE = 'exercises.json';

/** A learner's progress on a lab's exercises, by exercise name. */
export interface ExerciseState {
  /** Exercises whose start steps were applied (those without any count from the start). */
  started: string[];
  /** How many hints of each exercise were shown. */
  hints: Record<string, number>;
  /** The last `lab check` of each exercise: passed, when, and what failed. */
  results: Record<string, { passed: boolean; at: string; failed: string[] }>;
}

/** One exercise in a score. */
interface ExerciseProgress {
  /** 1-based, as `lab solution N` takes it. */
  number: number;
  name: string;
  /** Open: shown by `lab exercise`, or without start steps (open from the start). */
  started: boolean;
  passed: boolean;
  /** When `lab check` last scored it. */
  checkedAt?: string;
}

/** A lab's score: what `lab check` found last, for `lab ls --all` and the web page. */
export interface ExerciseScore {
  passed: number;
  total: number;
  exercises: ExerciseProgress[];
}

const EMPTY: ExerciseState = { started: [], hints: {}, results: {} };

/** The progress recorded for a lab (none yet: nothing started, nothing passed). */
export async function readExerciseState(lab: string): Promise<ExerciseState> {
  const text = await readFile(join(labDir(lab), STATE_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return { ...EMPTY };
  const raw = JSON.parse(text) as Partial<ExerciseState>;
  return { started: raw.started ?? [], hints: raw.hints ?? {}, results: raw.results ?? {} };
}

/** Records a lab's progress (written whole: a reader never sees half of it). */
export async function writeExerciseState(lab: string, state: ExerciseState): Promise<void> {
  const file = join(labDir(lab), STATE_FILE);
  try {
    await writeFile(`${file}.new`, JSON.stringify(state, null, 2));
    await rename(`${file}.new`, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new UserError(`lab '${lab}' was taken down meanwhile`, "bring it up again with 'lab up FILE'");
  }
}

/** Whether an exercise counts: it has no start steps, or they were applied. */
export function isOpen(e: Exercise, state: ExerciseState): boolean {
  return !e.start.length || state.started.includes(e.name);
}

/** The score of exercises in a state. */
export function scoreOf(exercises: readonly Exercise[], state: ExerciseState): ExerciseScore {
  const list = exercises.map((e, i): ExerciseProgress => {
    const r = state.results[e.name];
    return { number: i + 1, name: e.name, started: isOpen(e, state), passed: isOpen(e, state) && r?.passed === true, ...(r ? { checkedAt: r.at } : {}) };
  });
  return { passed: list.filter((e) => e.passed).length, total: list.length, exercises: list };
}

/**
 * The exercise score of a lab that is up, as its last `lab check` left it; undefined when the lab
 * has no exercises. Reads two files and runs nothing (for `lab ls --all` and the web page).
 */
export async function exerciseScore(labName: string): Promise<ExerciseScore | undefined> {
  const { lab } = await readRecord(labName);
  if (!lab.exercises?.length) return undefined;
  return scoreOf(lab.exercises, await readExerciseState(labName));
}
