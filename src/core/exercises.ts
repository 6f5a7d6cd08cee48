import { stringify } from 'yaml';
import { UserError } from '../base/errors.js';
import type { Reporter } from '../base/events.js';
import type { CheckResult } from '../checks/check.js';
import { runChecks } from '../checks/run-checks.js';
import type { Exercise } from '../features/exercises/index.js';
import type { LabContext } from '../ovn/lab-context.js';
import type { CheckSpec, Lab } from '../topology/model.js';
import { isOpen, readExerciseState, scoreOf, writeExerciseState, type ExerciseScore, type ExerciseState } from './exercise-state.js';

/** The exercises of a lab, or a user error saying it has none. */
function exercisesOf(lab: Lab): Exercise[] {
  if (!lab.exercises?.length) throw new UserError(`lab '${lab.name}' has no exercises`, 'labs with exercises: dmz, security-groups, central-ha (an exercises: list in the file)');
  return lab.exercises;
}

/** Exercise N (1-based) of a lab, or a user error listing them. */
export function exerciseNumber(lab: Lab, n: number): Exercise {
  const list = exercisesOf(lab);
  const e = Number.isInteger(n) ? list[n - 1] : undefined;
  if (!e) throw new UserError(`lab '${lab.name}' has no exercise ${n}`, `its exercises: ${list.map((x, i) => `${i + 1} ${x.name}`).join(', ')}`);
  return e;
}

/** The exercise `lab exercise` shows: the one asked for, else the first not passed (undefined: all passed). */
export function currentExercise(lab: Lab, state: ExerciseState, n?: number): Exercise | undefined {
  if (n !== undefined) return exerciseNumber(lab, n);
  return exercisesOf(lab).find((e) => !state.results[e.name]?.passed);
}

/** Applies steps (start or solution) in order, failing with the first that did not work. */
async function applySteps(ctx: LabContext, steps: Exercise['start'], reporter: Reporter, what: string): Promise<CheckResult[]> {
  const results = await runChecks(ctx, steps, reporter);
  const failed = results.find((r) => !r.passed);
  if (failed) throw new UserError(`${what}: step '${failed.name}' did not work: ${failed.seen}`, "'lab status' shows what runs; 'lab reset' brings the lab back to its start");
  return results;
}

/** Opens an exercise: its start steps applied once (the fault to find), recorded as started. */
export async function openExercise(ctx: LabContext, e: Exercise, reporter: Reporter): Promise<{ state: ExerciseState; applied: boolean }> {
  const state = await readExerciseState(ctx.lab.name);
  if (isOpen(e, state)) return { state, applied: false };
  await applySteps(ctx, e.start, reporter, `starting exercise ${e.name}`);
  const next = { ...state, started: [...state.started, e.name] };
  await writeExerciseState(ctx.lab.name, next);
  return { state: next, applied: true };
}

/** The next hint of an exercise (counted, so each call shows one more), or undefined when none is left. */
export async function nextHints(lab: string, e: Exercise): Promise<string[]> {
  const state = await readExerciseState(lab);
  const shown = Math.min((state.hints[e.name] ?? 0) + 1, e.hints.length);
  await writeExerciseState(lab, { ...state, hints: { ...state.hints, [e.name]: shown } });
  return e.hints.slice(0, shown);
}

/** What `lab check` found for one exercise. */
export interface ExerciseCheck {
  exercise: Exercise;
  /** Not run: its start steps were never applied (`lab exercise N` starts it). */
  notStarted: boolean;
  results: CheckResult[];
}

/** Runs the checks of every open exercise, records which passed, and returns them with the score. */
export async function checkExercises(ctx: LabContext, reporter: Reporter): Promise<{ checks: ExerciseCheck[]; score: ExerciseScore }> {
  const exercises = exercisesOf(ctx.lab);
  const state = await readExerciseState(ctx.lab.name);
  const checks: ExerciseCheck[] = [];
  const at = new Date().toISOString();
  for (const exercise of exercises) {
    if (!isOpen(exercise, state)) {
      checks.push({ exercise, notStarted: true, results: [] });
      continue;
    }
    const results = await runChecks(ctx, exercise.checks, reporter);
    checks.push({ exercise, notStarted: false, results });
    state.results[exercise.name] = { passed: results.every((r) => r.passed), at, failed: results.filter((r) => !r.passed).map((r) => r.name) };
  }
  await writeExerciseState(ctx.lab.name, state);
  return { checks, score: scoreOf(exercises, state) };
}

/** Applies exercise N's solution (starting it first when it was not), as a learner who solved it would have. */
export async function applySolution(ctx: LabContext, n: number, reporter: Reporter): Promise<CheckResult[]> {
  const e = exerciseNumber(ctx.lab, n);
  await openExercise(ctx, e, reporter);
  return applySteps(ctx, e.solution, reporter, `the solution of ${e.name}`);
}

/** Steps as the file writes them (what `lab solution N` shows), in YAML. */
export function stepsText(steps: CheckSpec[]): string {
  return stringify(steps, { lineWidth: 0 }).trimEnd();
}
