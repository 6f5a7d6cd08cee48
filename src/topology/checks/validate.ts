import type { Lab } from '../model.js';
import type { SchemaProblem } from '../schema-issues.js';
import { nodeNames, unknownName } from './fields.js';
import { checkSpec } from './all.js';

/** Semantic problems of a lab's checks and setup: duplicate names, references to nodes that do not exist. */
export function validateChecks(lab: Lab): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const names = new Map<string, number>();
  lab.checks.forEach((check, i) => {
    const first = names.get(check.name);
    if (first !== undefined) problems.push({ path: ['checks', i, 'name'], atKey: false, message: `check name '${check.name}' is already used by checks.${first}` });
    names.set(check.name, i);
    for (const p of checkSpec(check.kind).validate(check, lab)) {
      problems.push({ path: ['checks', i, ...p.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))], atKey: false, message: `check '${check.name}': ${p.message}` });
    }
  });
  lab.setup.forEach((step, i) => {
    const problem = unknownName('node', step.node, nodeNames(lab));
    if (problem) problems.push({ path: ['setup', i, 'node'], atKey: false, message: problem });
  });
  return problems;
}
