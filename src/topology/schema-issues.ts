import type { z } from 'zod';
import type { Path } from './positions.js';
import { movedKind } from './checks/all.js';

/** One schema problem, ready to be placed in the file. */
export interface SchemaProblem {
  path: Path;
  /** Point at the key rather than its value. */
  atKey: boolean;
  message: string;
}

/** Turns zod's issues into sentences that say what the file should have said. */
export function describeSchemaIssues(issues: readonly z.core.$ZodIssue[], root: z.ZodType, data: unknown): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const issue of issues) {
    let union: SchemaProblem[] | undefined;
    const where = issue.path.length ? issue.path.join('.') : 'the top level';
    if (issue.code === 'unrecognized_keys') {
      const allowed = keysAt(root, issue.path, data);
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
    } else if (issue.code === 'invalid_union' && 'discriminator' in issue) {
      const options = (issue as unknown as { options: string[] }).options;
      const value = valueAt(data, issue.path);
      out.push({
        path: issue.path,
        atKey: false,
        message:
          value === undefined
            ? `missing key '${String(issue.path.at(-1))}' (one of: ${options.join(', ')})`
            : (issue.path.at(-1) === 'kind' && movedKind(text(value))) || `unknown ${String(issue.path.at(-1))} '${text(value)}' (expected one of: ${options.join(', ')})`,
      });
    } else if (issue.code === 'invalid_union' && (union = unionProblems(issue, root, data, where))) {
      out.push(...union);
    } else if (issue.code === 'invalid_key') {
      out.push({ path: issue.path, atKey: true, message: `${where}: bad name: ${issue.issues.map((i) => i.message).join('; ')}` });
    } else {
      out.push({ path: issue.path, atKey: false, message: `${where}: ${plainMessage(issue, valueAt(data, issue.path))}` });
    }
  }
  return out;
}

/**
 * A value none of a union's forms took, in the file's words: the problems inside the one form
 * whose keys it has ({ tcp: 80.5 }), else what the union's description says it should be.
 */
function unionProblems(issue: z.core.$ZodIssue, root: z.ZodType, data: unknown, where: string): SchemaProblem[] | undefined {
  const form = matchedForm(issue, data);
  if (form) return describeSchemaIssues(form, root, data);
  const described = describedAt(root, issue.path, data);
  return described ? [{ path: issue.path, atKey: false, message: `${where}: expected ${described}, not ${describeValue(valueAt(data, issue.path))}` }] : undefined;
}

/**
 * The one form of a union whose keys the value has (its only problems are inside them), its issues
 * placed at their full path; undefined when none or several forms fit so far.
 */
function matchedForm(issue: z.core.$ZodIssue, data: unknown): z.core.$ZodIssue[] | undefined {
  const forms = (issue as { errors?: z.core.$ZodIssue[][] }).errors ?? [];
  const keysFit = (errs: z.core.$ZodIssue[]) => errs.length > 0 && errs.every((e) => e.path.length > 0 && e.code !== 'unrecognized_keys' && !(e.code === 'invalid_type' && valueAt(valueAt(data, issue.path), e.path) === undefined));
  const fit = forms.filter(keysFit);
  return fit.length === 1 ? fit[0]?.map((e) => ({ ...e, path: [...issue.path, ...e.path] })) : undefined;
}

function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg as string];
  }
  return v;
}

type Def = { type?: string; innerType?: unknown; shape?: Record<string, unknown>; valueType?: unknown; element?: unknown; options?: unknown[]; discriminator?: string };

/** The schema at path, and its definition (unwrapping optional, default, nullable, record, array, union by kind). */
function schemaAt(schema: z.ZodType, path: Path, data: unknown): { at: unknown; def: Def | undefined } {
  let s: unknown = schema;
  const defOf = (x: unknown) => (x as { _zod?: { def?: Def } })._zod?.def;
  const unwrap = (at: Path): Def | undefined => {
    for (;;) {
      const def = defOf(s);
      if (def && ['optional', 'default', 'nullable', 'prefault'].includes(def.type ?? '')) s = def.innerType;
      else if (def?.type === 'union' && def.discriminator) {
        const value = (valueAt(data, at) as Record<string, unknown> | undefined)?.[def.discriminator];
        s = def.options?.find((o) => (defOf(o)?.shape?.[def.discriminator!] as { _zod?: { def?: { values?: unknown[] } } })?._zod?.def?.values?.includes(value));
        if (!s) return undefined;
      } else return def;
    }
  };
  for (const [i, seg] of path.entries()) {
    const def = unwrap(path.slice(0, i));
    if (def?.type === 'object') s = def.shape?.[String(seg)];
    else if (def?.type === 'record') s = def.valueType;
    else if (def?.type === 'array') s = def.element;
    else return { at: undefined, def: undefined };
  }
  return { def: unwrap(path), at: s };
}

/** The keys an object schema at path accepts. */
function keysAt(schema: z.ZodType, path: Path, data: unknown): string[] {
  const { def } = schemaAt(schema, path, data);
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** What the schema at path says it is (its description), for a value none of a union's forms took. */
function describedAt(schema: z.ZodType, path: Path, data: unknown): string | undefined {
  return (schemaAt(schema, path, data).at as { description?: string } | undefined)?.description;
}

/** What a value is, as a person reading the file would say it. */
function describeValue(v: unknown): string {
  if (typeof v === 'string') return `the text '${v}'`;
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'nothing';
  if (typeof v === 'object') return 'a section of keys';
  return `${typeof v === 'number' ? 'the number' : typeof v === 'boolean' ? '' : 'a'} ${text(v)}`.trim();
}

/** A value as the file wrote it: a scalar as it reads, anything else as JSON. */
function text(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : (JSON.stringify(v) ?? String(v));
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  string: 'a text',
  boolean: 'true or false',
  object: 'a section of keys (key: value)',
  array: 'a list',
  int: 'a whole number',
};

/** The schema library's message in the words of the file: what was expected, and what is there. */
function plainMessage(issue: z.core.$ZodIssue, value: unknown): string {
  const i = issue as unknown as { code: string; expected?: string; values?: unknown[]; minimum?: number | bigint; maximum?: number | bigint; origin?: string; inclusive?: boolean };
  if (i.code === 'invalid_type') return `expected ${TYPE_WORDS[i.expected ?? ''] ?? i.expected}, not ${describeValue(value)}`;
  if (i.code === 'invalid_value' && i.values) return `expected ${i.values.length > 1 ? 'one of ' : ''}${i.values.map(String).join(', ')}, not ${describeValue(value)}`;
  // positive() is a minimum of 0 not included: "at least 0" would be wrong for 0 and -1.
  if (i.code === 'too_small' && (i.origin === 'number' || i.origin === 'int')) return `${String(value)} is too small: ${i.inclusive === false ? 'more than' : 'at least'} ${String(i.minimum)}`;
  if (i.code === 'too_big' && (i.origin === 'number' || i.origin === 'int')) return `${String(value)} is too big: ${i.inclusive === false ? 'less than' : 'at most'} ${String(i.maximum)}`;
  if (i.code === 'too_small' && i.origin === 'array') return `needs at least ${String(i.minimum)} entr${i.minimum === 1 ? 'y' : 'ies'}`;
  if (i.code === 'too_small' && i.origin === 'string') return `must not be empty`;
  return issue.message;
}
