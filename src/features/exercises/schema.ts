import * as z from 'zod';
import { allChecksSchema, allStepSpec } from '../../topology/checks/all.js';

/** A change to the lab, as a step of `checks:` writes it (kind: step): what starts an exercise and what solves it. */
const steps = (what: string) => z.array(allStepSpec.schema).default([]).describe(what);

const exerciseSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'a name of letters, digits, - and _ (at most 40), starting with a letter')
      .describe('a short name of the exercise (letters, digits, -), shown by lab exercise and lab check'),
    task: z.string().min(1).describe('what the learner is asked to do, shown by lab exercise'),
    hints: z.array(z.string().min(1)).default([]).describe('hints, shown one more each time by lab exercise --hint'),
    start: steps('steps applied once when the exercise is first shown (a fault to find: kind: step with kill, remove_acl…); an exercise with a start counts in the score once it has started'),
    solution: z.array(allStepSpec.schema).min(1).describe('the steps that solve it (kind: step), hidden until lab solution N, applied by lab solution N --apply'),
    checks: z.array(allChecksSchema).min(1).describe('the checks that pass once the task is done (any kind but step), run by lab check'),
  })
  .describe('an exercise for a learner: a task, hints, a hidden solution, and the checks that score it');

/** The key exercises add to a topology file: after `checks:`, as they hold checks of every kind. */
export const exercisesShape = {
  exercises: z.array(exerciseSchema).default([]).describe('exercises for learners on this lab: lab exercise shows the next, lab check scores them'),
};

export type RawExercises = z.infer<z.ZodObject<typeof exercisesShape>>;
