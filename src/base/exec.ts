import { commandText, shellLine } from './shell-line.js';
import { hostFiles, type HostFiles, type NodeFile } from './files.js';

/** What one finished command gave back. Also the error thrown when a command fails. */
export class ExecResult extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
    readonly durationMs: number,
  ) {
    super(`command failed (exit ${exitCode}): ${commandText(argv)}${stderr.trim() ? `\n${clipLines(stderr.trim())}` : ''}`);
    this.name = 'ExecResult';
  }

  get ok(): boolean {
    return this.exitCode === 0;
  }
}

export interface ExecOptions {
  /** Return a failed result instead of throwing (for probes). */
  nothrow?: boolean;
  /** Text written to the command's standard input. */
  input?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Kill the command when this signal aborts. */
  signal?: AbortSignal;
  /** Kill the command after this many milliseconds. */
  timeoutMs?: number;
  /**
   * The commands a `sh -ec` script of {@link batchScript} runs one after another: `lab script`
   * prints them one per line instead of the script.
   */
  batch?: readonly (readonly string[])[];
  /**
   * Files a runtime writes in the node just before the command (in the same `docker exec` on
   * docker, where each exec costs): the configs and scripts a command reads.
   */
  files?: readonly NodeFile[];
}

/**
 * Several commands as one `sh -ec` argv: one process (one `docker exec`, one `ip netns exec`)
 * instead of one per command; the first that fails stops the rest and fails the whole.
 */
export function batchScript(argvs: readonly (readonly string[])[]): string[] {
  return ['sh', '-ec', argvs.map(shellLine).join('\n')];
}

/** The PATH nodes get: the standard directories, nothing of the caller's own. */
export const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** PATH with the sbin directories, where OVS, OVN and iproute2 live, even when the caller's PATH lacks them. */
export const SEARCH_PATH = [...new Set([...(process.env.PATH ?? '').split(':'), '/usr/local/sbin', '/usr/sbin', '/sbin', '/usr/local/bin', '/usr/bin', '/bin'])]
  .filter(Boolean)
  .join(':');

/** The last lines of a command's error output, enough to say what went wrong. */
function clipLines(text: string, max = 20): string {
  const lines = text.split('\n');
  return lines.length > max ? [`… (${lines.length - max} lines before)`, ...lines.slice(-max)].join('\n') : text;
}

/**
 * Every zx setting that zx would otherwise take from ZX_* environment variables (ZX_PREFIX,
 * ZX_POSTFIX, ZX_SHELL…): what lab runs must not depend on the caller's environment, least of all
 * under `sudo -E`.
 */
const ZX_SETTINGS = {
  // zx finds bash (and so its quoting) on the caller's PATH when it loads; a PATH without bash
  // would leave it without one. lab always runs /bin/bash and quotes for bash.
  shell: '/bin/bash',
  prefix: 'set -euo pipefail;',
  postfix: '',
  preferLocal: false,
  detached: false,
  killSignal: 'SIGTERM' as NodeJS.Signals,
  timeoutSignal: 'SIGTERM' as NodeJS.Signals,
};

/**
 * zx, imported when the first command runs: it takes longer to load than a short CLI call such as
 * `lab exec` needs for all its own work.
 */
let zx: Promise<typeof import('zx')> | undefined;
const loadZx = () => (zx ??= import('zx'));

/** The caller's environment without ZX_* (a zx-based program run by lab would read them too). */
function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ZX_')));
}

/** Called before each command runs; the reporter shows it with --verbose. */
export type CommandListener = (argv: readonly string[]) => void;

/**
 * Runs argv (never a pasted string) and returns an {@link ExecResult}. `onCommand` lets code that
 * runs commands another way (the Docker API) report them like the ones run here.
 */
export type Exec = ((argv: readonly string[], opts?: ExecOptions) => Promise<ExecResult>) & {
  onCommand?: CommandListener;
  /** File work that goes with these commands (the host's file system, or `lab script`'s lines). */
  files?: HostFiles;
};

/** The file work of an exec: the host's file system unless it brings its own. */
export function filesOf(exec: Exec): HostFiles {
  return exec.files ?? hostFiles;
}

/** The one way this tool starts a process: argv arrays quoted by zx, results as ExecResult. */
export function createExec(onCommand?: CommandListener): Exec {
  const exec: Exec = async (argv, opts = {}) => {
    if (argv.length === 0) throw new Error('exec: empty argv');
    onCommand?.(argv);
    const started = performance.now();
    const { $, quote } = await loadZx();
    const out = await $({
      ...ZX_SETTINGS,
      quote,
      cwd: process.cwd(),
      nothrow: true,
      quiet: true,
      verbose: false,
      input: opts.input,
      signal: opts.signal,
      timeout: opts.timeoutMs ?? 0,
      env: { ...childEnv(), PATH: SEARCH_PATH, ...opts.env },
    })`${argv}`;
    const code = out.exitCode ?? (out.signal ? 128 : 1);
    const result = new ExecResult(argv, code, out.stdout, out.stderr, performance.now() - started);
    if (!result.ok && !opts.nothrow) throw result;
    return result;
  };
  exec.onCommand = onCommand;
  return exec;
}

/** The same exec, killed by `signal` (Ctrl-C), still reporting its commands. */
export function withSignal(exec: Exec, signal: AbortSignal | undefined): Exec {
  return Object.assign((argv: readonly string[], o?: ExecOptions) => exec(argv, { signal, ...o }), { onCommand: exec.onCommand, files: exec.files });
}

/** A command as topology files write it: a shell line (run with sh -c) or an argv list. */
export function commandArgv(command: string | readonly string[]): string[] {
  return typeof command === 'string' ? ['sh', '-c', command] : [...command];
}
