import type { z } from 'zod';
import type { Path } from './positions.js';

/** One schema problem, ready to be placed in the file. */
export interface SchemaProblem {
  path: Path;
  /** Point at the key rather than its value. */
  atKey: boolean;
  message: string;
}

/** Turns zod's issues into sentences that say what the file should have said. */
export function describeSchemaIssues(
  issues: readonly z.core.$ZodIssue[],
  root: z.ZodType,
  data: unknown,
): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const issue of issues) {
    const where = issue.path.length ? issue.path.join('.') : 'the top level';
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(root, issue.path);
      for (const key of issue.keys) {
        out.push({
          path: [...issue.path, key],
          atKey: true,
          message: `unknown key '${key}' in ${where}${allowed.length ? ` (expected one of: ${allowed.join(', ')})` : ''}`,
        });
      }
    } else if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) {
      const key = String(issue.path.at(-1));
      out.push({
        path: issue.path.slice(0, -1),
        atKey: issue.path.length > 1,
        message: `missing key '${key}' in ${issue.path.length > 1 ? issue.path.slice(0, -1).join('.') : 'the top level'}`,
      });
    } else if (issue.code === 'invalid_key') {
      out.push({ path: issue.path, atKey: true, message: `${where}: bad name: ${issue.issues.map((i) => i.message).join('; ')}` });
    } else {
      out.push({ path: issue.path, atKey: false, message: `${where}: ${issue.message}` });
    }
  }
  return out;
}

function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

/** The keys an object schema at path accepts (unwrapping optional, default, nullable, record). */
function keysAt(schema: z.ZodType, path: Path): string[] {
  let s: unknown = schema;
  const unwrap = () => {
    for (;;) {
      const def = (s as { _zod?: { def?: { type?: string; innerType?: unknown } } })._zod?.def;
      if (def && ['optional', 'default', 'nullable', 'prefault'].includes(def.type ?? '')) s = def.innerType;
      else return def;
    }
  };
  for (const seg of path) {
    const def = unwrap() as { type?: string; shape?: Record<string, unknown>; valueType?: unknown } | undefined;
    if (def?.type === 'object') s = def.shape?.[String(seg)];
    else if (def?.type === 'record') s = def.valueType;
    else return [];
  }
  const def = unwrap() as { type?: string; shape?: Record<string, unknown> } | undefined;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}
