import type { CheckSpec, Lab } from '../../topology/model.js';
import type { Exercise } from './model.js';
import type { RawExercises } from './schema.js';

/** The lab's exercises as written (defaults filled in); none: no field, so other labs' records stay as they were. */
export function resolveExercises(t: RawExercises): Pick<Lab, 'exercises'> {
  if (!t.exercises.length) return {};
  const exercises = t.exercises.map((e): Exercise => ({ name: e.name, task: e.task.trimEnd(), hints: e.hints, start: e.start, solution: e.solution, checks: e.checks as CheckSpec[] }));
  return { exercises };
}
