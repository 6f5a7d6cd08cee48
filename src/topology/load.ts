import { createHash } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Alias, type Document } from 'yaml';
import { UserError } from '../base/errors.js';
import { labNameProblem } from '../base/lab-name.js';
import { validateChecks } from './checks/validate.js';
import { exerciseProblems } from '../features/exercises/index.js';
import { ruleProblems } from './rules/index.js';
import type { Lab } from './model.js';
import { plainYaml } from './plain-yaml.js';
import { Positions } from './positions.js';
import { salvagedProblems } from './salvage.js';
import { readTopologyText, STDIN } from './read-file.js';
import { resolveTopology } from './resolve.js';
import { resolveBuilds } from './resolve-builds.js';
import { describeSchemaIssues, type SchemaProblem } from './schema-issues.js';
import { topologySchema } from './schema.js';
import { TopologyError, type TopologyIssue } from './topology-error.js';
import { parseCidr } from './net.js';

/** A --name that can be a lab's name, refused with the words a bad `name:` gets otherwise. */
function requireLabName(name: string, where: string): string {
  const problem = labNameProblem(name);
  if (problem) throw new UserError(`${where} '${name}' is not a lab name: ${problem}`, 'name a lab with letters, digits, - and _, starting with a letter');
  return name;
}

export interface LoadOptions {
  /** The lab's name instead of the file's `name:` (`--name`): one file run many times side by side. */
  name?: string;
  /** The underlay's subnet instead of the file's (`--underlay`, or a copy moved off a subnet another lab holds). */
  underlay?: string;
}

/**
 * Reads, validates and resolves a topology file (`-`: standard input). Throws {@link TopologyError}
 * listing every problem.
 */
export async function loadTopology(file: string, opts: LoadOptions = {}): Promise<Lab> {
  return loadTopologyMoved(file, opts, async () => undefined);
}

/**
 * A file's lab as {@link loadTopology} reads it, then again on the underlay `move` names for it
 * (a copy of the file that cannot have the file's underlay), the text read once (stdin too).
 */
export async function loadTopologyMoved(file: string, opts: LoadOptions, move: (lab: Lab) => Promise<string | undefined>): Promise<Lab> {
  // A bad --name is refused before the file is read, with the words a bad `name:` gets.
  if (opts.name !== undefined) requireLabName(opts.name, '--name');
  const text = await readTopologyText(file);
  const parse = (o: LoadOptions) => (file === STDIN ? parseTopology(text, '<stdin>', undefined, o) : parseTopology(text, file, resolvePath(file), o));
  const lab = parse(opts);
  const subnet = await move(lab);
  return subnet === undefined ? lab : parse({ ...opts, underlay: subnet });
}

/** What identifies a topology's text: two labs from the same text are the same lab (see `lab test` of a lab that is up). */
export function topologyDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The YAML of a topology file as a document, or every syntax problem with its position. Warnings
 * (an unknown tag like `!foo`) are problems too: the value would silently become a plain string.
 */
function parseYaml(text: string, file: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const problems = [...doc.errors, ...doc.warnings].map((e) => ({ offset: e.pos[0], message: e.message.split('\n')[0]! }));
  problems.push(...repeatedKeys(doc));
  if (problems.length) {
    throw new TopologyError(
      problems
        .sort((a, b) => a.offset - b.offset)
        .map((p) => {
          const pos = lines.linePos(p.offset);
          return { file, line: pos.line, column: pos.col, message: `YAML: ${p.message}` };
        }),
    );
  }
  return { doc, lines };
}

/**
 * Every key written a second time in its mapping, where it is written. The parser's own check
 * (`uniqueKeys`) compares each key with every one before it: a file of 1000 chassis and 2000 VMs
 * spent a fifth of its parse there.
 */
function repeatedKeys(doc: Document): { offset: number; message: string }[] {
  const repeated: { offset: number; message: string }[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) repeated.push({ offset: key.range?.[0] ?? 0, message: 'Map keys must be unique' });
        seen.add(key.value);
      }
    },
  });
  return repeated;
}

/** Aliases may repeat a value a few times; a document whose aliases expand without bound (an alias bomb) is refused. */
const MAX_ALIAS_COUNT = 100;

/**
 * The document as plain data. An alias with no anchor before it is a problem at that alias, and
 * an alias bomb one at its first alias, not a crash.
 */
function yamlData(doc: Document, lines: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (err) {
    const aliases: Alias[] = [];
    visit(doc, { Alias: (_k, node) => void aliases.push(node) });
    const unresolved = aliases.find((a) => !a.resolve(doc));
    const pos = lines.linePos((unresolved ?? aliases[0])?.range?.[0] ?? 0);
    const message = unresolved
      ? `YAML: alias *${unresolved.source} has no anchor &${unresolved.source} before it; define the anchor first, or write the value out`
      : `YAML: aliases here expand to too much data (${(err as Error).message}); write the values out`;
    throw new TopologyError([{ file, line: pos.line, column: pos.col, message }]);
  }
}

/** The file's data with the underlay on another subnet (its other settings kept); a bad one is refused as `--underlay`. */
function withUnderlay(data: Record<string, unknown>, subnet: string): void {
  const cidr = parseCidr(subnet);
  if (!cidr || cidr.text !== subnet) throw new UserError(`--underlay '${subnet}' is not a subnet`, 'give one like 192.168.102.0/24 (its network address, then the prefix length)');
  const given = data.underlay;
  data.underlay = { ...(given && typeof given === 'object' ? given : {}), subnet };
}

/** Where paths of the file are written: worked out when first asked (a valid file read the fast way seldom is). */
type Places = Pick<Positions, 'of'>;

/**
 * Parses topology text; `file` is the name used in messages, `absPath` the one recorded in the lab.
 * Plain YAML is read the fast way ({@link plainYaml}); a file with any problem is read again with
 * positions, and its problems are said where they are written.
 */
export function parseTopology(text: string, file: string, absPath?: string, opts: LoadOptions = {}): Lab {
  const fast = plainYaml(text);
  // The exact reading, made once: for a position the fast way asks for, then for the problems.
  let exact: ReturnType<typeof exactYaml> | undefined;
  if (fast) {
    const places: Places = { of: (path, key) => (exact ??= exactYaml(text, file)).positions.of(path, key) };
    try {
      return topologyOf(fast.data, text, file, absPath, opts, places);
    } catch (err) {
      if (!(err instanceof TopologyError)) throw err;
    }
  }
  const { data, positions } = exact ?? exactYaml(text, file);
  return topologyOf(data, text, file, absPath, opts, positions);
}

/** The text's data and positions as `yaml` reads them, or its YAML problems. */
function exactYaml(text: string, file: string): { data: unknown; positions: Positions } {
  const { doc, lines } = parseYaml(text, file);
  return { data: yamlData(doc, lines, file), positions: new Positions(doc, lines) };
}

/** The lab a file's data describes, or every problem with where it is written. */
function topologyOf(yamlValue: unknown, text: string, file: string, absPath: string | undefined, opts: LoadOptions, positions: Places): Lab {
  const data: unknown = yamlValue ?? {};
  if (opts.name !== undefined && data && typeof data === 'object' && !Array.isArray(data)) (data as Record<string, unknown>).name = requireLabName(opts.name, '--name');
  if (opts.underlay !== undefined && data && typeof data === 'object' && !Array.isArray(data)) withUnderlay(data as Record<string, unknown>, opts.underlay);
  // An empty section (`vms:` with nothing under it) means "none", not an error.
  if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) if (v === null) delete (data as Record<string, unknown>)[k];
  const place = (p: SchemaProblem): TopologyIssue => ({ file, ...positions.of(p.path, p.atKey), message: p.message });

  const parsed = topologySchema.safeParse(data);
  if (!parsed.success) {
    const schemaProblems = describeSchemaIssues(parsed.error.issues, topologySchema, data);
    throw new TopologyError(sortIssues([...schemaProblems, ...salvagedProblems(data, parsed.error.issues)].map(place)));
  }
  const problems = ruleProblems(parsed.data);
  if (problems.length) throw new TopologyError(sortIssues(problems.map(place)));
  // The build trees it names, each with where it is written (an unbuilt tree is refused there at up).
  const lab = resolveBuilds(resolveTopology(parsed.data, absPath), parsed.data, (path) => ({ file, ...positions.of(path) }));
  lab.digest = topologyDigest(text);
  // Where each ACL's match is written: OVN's parse errors are reported there.
  lab.acls.forEach((acl, i) => (acl.at = { file, ...positions.of(['acls', i, 'match']) }));
  const checkProblems = [...validateChecks(lab), ...exerciseProblems(lab)];
  if (checkProblems.length) throw new TopologyError(sortIssues(checkProblems.map(place)));
  return lab;
}

function sortIssues(issues: TopologyIssue[]): TopologyIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The lab name in a topology file, read leniently for `lab down`: the file may have changed since
 * `up`, even into invalid YAML, and down must still work. Only the top-level `name:` is read
 * (no aliases expanded, nothing else checked); the name is checked by the caller.
 */
export async function labNameInFile(file: string): Promise<string> {
  const text = await readTopologyText(file);
  const doc = parseDocument(text, { prettyErrors: false });
  const value = isMap(doc.contents) ? doc.contents.get('name') : undefined;
  if (typeof value === 'string') return value;
  const line = /^name:[ \t]*(['"]?)([^'"\s#]+)\1[ \t]*(#.*)?$/m.exec(text);
  if (line) return line[2]!;
  throw new UserError(`${file} has no top-level 'name:' that can be read`, "run 'lab down NAME' with the lab's name ('lab status' lists the labs that are up)");
}
