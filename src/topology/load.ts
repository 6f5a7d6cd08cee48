import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { UserError } from '../core/errors.js';
import { validateChecks } from '../checks/validate.js';
import { checkTopology } from './check.js';
import type { Lab } from './model.js';
import { Positions } from './positions.js';
import { resolveTopology } from './resolve.js';
import { describeSchemaIssues, type SchemaProblem } from './schema-issues.js';
import { topologySchema } from './schema.js';
import { TopologyError, type TopologyIssue } from './topology-error.js';

/** Reads, validates and resolves a topology file. Throws {@link TopologyError} listing every problem. */
export async function loadTopology(file: string): Promise<Lab> {
  const path = resolvePath(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read topology file ${file}: ${(err as Error).message}`, 'check the path', { cause: err });
  }
  return parseTopology(text, file, path);
}

/** Parses topology text; `file` is the name used in messages, `absPath` the one recorded in the lab. */
export function parseTopology(text: string, file: string, absPath?: string): Lab {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    throw new TopologyError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, message: `YAML: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const data: unknown = doc.toJS() ?? {};
  // An empty section (`vms:` with nothing under it) means "none", not an error.
  if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) if (v === null) delete (data as Record<string, unknown>)[k];
  const positions = new Positions(doc, lines);
  const place = (p: SchemaProblem): TopologyIssue => ({ file, ...positions.of(p.path, p.atKey), message: p.message });

  const parsed = topologySchema.safeParse(data);
  if (!parsed.success) throw new TopologyError(sortIssues(describeSchemaIssues(parsed.error.issues, topologySchema, data).map(place)));
  const problems = checkTopology(parsed.data);
  if (problems.length) throw new TopologyError(sortIssues(problems.map(place)));
  const lab = resolveTopology(parsed.data, absPath);
  const checkProblems = validateChecks(lab);
  if (checkProblems.length) throw new TopologyError(sortIssues(checkProblems.map(place)));
  return lab;
}

function sortIssues(issues: TopologyIssue[]): TopologyIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}
