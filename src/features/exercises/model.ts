import type { CheckSpec } from '../../topology/model.js';

/** An exercise as the lab has it: its task and hints, the steps that start and solve it, the checks that score it. */
export interface Exercise {
  name: string;
  task: string;
  hints: string[];
  /** Steps applied once when the exercise is first shown (the fault to find); none: it is open from the start. */
  start: CheckSpec[];
  solution: CheckSpec[];
  checks: CheckSpec[];
}

declare module '../../topology/model.js' {
  interface Lab {
    /** Absent when the file has none: the records of labs without exercises (and of older versions) read as before. */
    exercises?: Exercise[];
  }
}
