import { checkSpec } from '../../topology/checks/all.js';
import type { CheckSpec, Lab } from '../../topology/model.js';
import type { SchemaProblem } from '../../topology/schema-issues.js';
import './model.js';

type Path = (string | number)[];

/** A field of a check ('kill.node') as a path under `at`. */
const under = (at: Path, field: string): Path => [...at, ...field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))];

/** The problems of one list of checks or steps against the lab, at their paths. */
function listProblems(lab: Lab, list: CheckSpec[], at: Path, what: 'checks' | 'steps'): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const names = new Map<string, number>();
  list.forEach((check, i) => {
    const first = names.get(check.name);
    if (first !== undefined) problems.push({ path: [...at, i, 'name'], atKey: false, message: `name '${check.name}' is already used by ${at.join('.')}.${first}` });
    names.set(check.name, i);
    if (what === 'checks' && check.kind === 'step') {
      problems.push({ path: [...at, i, 'kind'], atKey: false, message: "an exercise's checks prove the task is done and change nothing: put a step in start: or solution:" });
      return;
    }
    for (const p of checkSpec(check.kind).validate(check, lab)) problems.push({ path: under([...at, i], p.field), atKey: false, message: `'${check.name}': ${p.message}` });
  });
  return problems;
}

/**
 * Problems of the exercises against the resolved lab: names given once, steps and checks that name
 * what the lab has (validated as the lab's own checks are), no step among the checks.
 */
export function exerciseProblems(lab: Lab): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const names = new Map<string, number>();
  (lab.exercises ?? []).forEach((e, i) => {
    const at: Path = ['exercises', i];
    const first = names.get(e.name);
    if (first !== undefined) problems.push({ path: [...at, 'name'], atKey: false, message: `exercise name '${e.name}' is already used by exercises.${first}` });
    names.set(e.name, i);
    problems.push(...listProblems(lab, e.start, [...at, 'start'], 'steps'), ...listProblems(lab, e.solution, [...at, 'solution'], 'steps'), ...listProblems(lab, e.checks, [...at, 'checks'], 'checks'));
  });
  return problems;
}
