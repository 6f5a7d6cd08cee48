import { UserError } from '../base/errors.js';

/** One problem in a topology file, with where it is. */
export interface TopologyIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatIssue(i: TopologyIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.message}`;
}

/** A topology file that cannot be used; lists every problem found, each with file:line:column. */
export class TopologyError extends UserError {
  constructor(readonly issues: TopologyIssue[]) {
    super(issues.map(formatIssue).join('\n'), issues.length > 1 ? `fix these ${issues.length} problems, then run the command again` : undefined);
    this.name = 'TopologyError';
  }
}
