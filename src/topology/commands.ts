import { shellLine } from '../base/shell-line.js';
import { RUNTIME_TRAITS, type CheckSpec, type Lab } from './model.js';

/**
 * What a topology file makes `lab` do beyond building the lab itself: the commands of its own it
 * runs as root, and the Docker engines it connects to. A topology file is a program; `lab validate`
 * and `lab test --list` show all of this, from here, before anything runs.
 *
 * The fields that hold a command are `setup:` entries and the `command` of `exec` checks and of
 * `step` checks. Nothing else of the format takes a command or a program line: servers are a port
 * (lab's own listener), services are dnsmasq with lab's own options, and fault steps (kill,
 * restart, stop, start) act on lab's own daemons.
 */

/** A command the file runs, and where. */
export interface FileCommand {
  /** What in the file gives it: "setup", "check 'name' (step)". */
  source: string;
  node: string;
  /** The command as a user could paste it, control characters shown as escapes. */
  line: string;
}

/**
 * Control characters (but newline and tab), and the Unicode marks that reorder or hide text, as
 * escapes: a terminal must show what will run, not what a carriage return or a bidi override
 * makes it look like.
 */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it shows as escapes
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, (c) => {
    const code = c.codePointAt(0)!;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function commandLine(command: string | readonly string[]): string {
  return visible(typeof command === 'string' ? command : shellLine(command));
}

/** The command a check runs as root, and where, or undefined for a check that runs none of the file's. */
export function checkCommand(check: CheckSpec, lab: Lab): { node: string; line: string } | undefined {
  const command = check.command as string | string[] | undefined;
  if ((check.kind !== 'exec' && check.kind !== 'step') || command === undefined) return undefined;
  // A step's command runs on central unless it names a node; an exec check always names one.
  return { node: (check.node as string | undefined) ?? lab.central.name, line: commandLine(command) };
}

/** `head: line` at `indent`, the further lines of a multi-line command two spaces deeper. */
export function commandLines(indent: string, head: string, line: string): string[] {
  const [first, ...rest] = line.split('\n');
  return [`${indent}${head}: ${first}`, ...rest.map((l) => `${indent}  ${l}`)];
}

/** Every command the file runs as root, in the order `lab test` runs them: setup after up, then the checks'. */
export function fileCommands(lab: Lab): FileCommand[] {
  return [
    ...lab.setup.map((s) => ({ source: 'setup', node: s.node, line: commandLine(s.command) })),
    ...lab.checks.flatMap((c) => {
      const run = checkCommand(c, lab);
      return run ? [{ source: `check '${visible(c.name)}' (${c.kind})`, ...run }] : [];
    }),
  ];
}

/** The Docker engines the file names, as "name url": `up` connects to each (none: the local engine, or LAB_ENGINES'). */
function fileEngines(lab: Lab): string[] {
  return (lab.engines ?? []).map((e) => `${e.name} ${visible(e.url)}`);
}

/**
 * What `lab validate` prints after "valid", one line each: the commands (indented, the further
 * lines of a multi-line one deeper) and the engines. Empty when the file runs nothing of its own.
 */
export function reachLines(lab: Lab): string[] {
  const lines: string[] = [];
  const commands = fileCommands(lab);
  if (commands.length) {
    lines.push(`it runs ${commands.length} command${commands.length > 1 ? 's' : ''} of its own as root (setup, step and exec checks)${RUNTIME_TRAITS[lab.runtime].hostFiles ? ", with the host's files" : ', in its containers'}:`);
    for (const c of commands) lines.push(...commandLines('  ', `${c.source} in ${visible(c.node)}`, c.line));
  }
  const engines = fileEngines(lab);
  if (engines.length) lines.push(`it connects to Docker engines: ${engines.join(', ')}`);
  return lines;
}
