/**
 * Exercises: a task for a learner, hints, a hidden solution (steps), and the checks that score it.
 * Not a registered feature: an exercise holds checks of every kind, the features' included, so its
 * schema is composed beside `checks:` (src/topology/schema.ts) rather than from the registry, which
 * it would import back. Its state on a running lab (started, passed) is the core's
 * (src/core/exercises.ts).
 */
export { exercisesShape } from './schema.js';
export { resolveExercises } from './resolve.js';
export { exerciseProblems } from './rules.js';
export type { Exercise } from './model.js';
