import { commandText, isPlainWord, shellLine, shellQuote } from './shell-line.js';
import { hostFiles, type HostFiles, type NodeFile } from './files.js';

/** What one finished command gave back. Also the error thrown when a command fails. */
export class ExecResult extends Error {
  constructor(
    readonly argv: readonly string[],
    readonly exitCode: number,
    readonly stdout: string,
    readonly stderr: string,
    readonly durationMs: number,
    /** Where it ran, when the command alone does not say (the node of a batch's command). */
    where?: string,
  ) {
    super(`command failed (exit ${exitCode})${where ? ` on ${where}` : ''}: ${commandText(argv)}${stderr.trim() ? `\n${clipLines(stderr.trim())}` : ''}`);
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
  /**
   * The command never looks at the node's /sys (lab's own daemons, waits, dhclient): the netns
   * runtime enters the node's network namespace alone for it, without the mount namespace that
   * `ip netns exec` makes (src/runtime/netns/enter.ts says why).
   */
  netOnly?: boolean;
}

/**
 * Several commands as one `sh -xec` argv: one process (one `docker exec`, one `ip netns exec`)
 * instead of one per command; the first that fails stops the rest and fails the whole. The shell
 * traces each command to standard error before running it, after {@link BATCH_TRACE} when that is
 * its PS4, so that a failure can name the command that failed ({@link batchFailure}).
 */
export function batchScript(argvs: readonly (readonly string[])[]): string[] {
  return ['sh', '-xec', batchLines(argvs).join('\n')];
}

/** The shell lines of a batch's commands: one per command, or per run of `ip` changes ({@link batchUnits}). */
export function batchLines(argvs: readonly (readonly string[])[]): string[] {
  return batchUnits(argvs).map((u) => u.line);
}

/** What a batch's shell, given it as PS4, writes before each command it traces. */
export const BATCH_TRACE = '+lab-batch> ';

/** A line of a batch's shell: `count` of its commands from `first`. */
interface BatchUnit {
  line: string;
  first: number;
  count: number;
}

/** The objects and changes of `ip` commands that one `ip -batch` runs together. */
const IP_OBJECTS = new Set(['link', 'addr', 'address', 'route', 'neigh', 'netns']);
const IP_CHANGES = new Set(['add', 'set', 'del', 'delete', 'replace', 'flush', 'change']);

/**
 * The namespace an `ip` command changes (`ip -n NS link set …`; '' for its own), when `ip -batch`
 * can run it with others there: a change to links, addresses, routes, neighbours or named
 * namespaces, in plain words. Namespaces are added and deleted from the shell's own namespace
 * only: under `-n`, ip works in a mount namespace of its own, where the name it mounts stays.
 */
function ipChangeIn(argv: readonly string[]): string | undefined {
  if (argv[0] !== 'ip') return undefined;
  const ns = argv[1] === '-n' ? argv[2] : '';
  const [object, change] = argv.slice(ns ? 3 : 1);
  if (object === 'netns' && ns) return undefined;
  return object && change && IP_OBJECTS.has(object) && IP_CHANGES.has(change) && argv.every(isPlainWord) ? ns : undefined;
}

/**
 * A batch's commands as the lines of its shell. Consecutive `ip` changes in one namespace are one
 * `ip -batch` (an `ip` costs a process and, with `-n`, a mount namespace: a chassis and its VMs
 * made about forty); it stops at the first that fails, as the shell does, and says which.
 */
function batchUnits(argvs: readonly (readonly string[])[]): BatchUnit[] {
  const units: BatchUnit[] = [];
  for (let first = 0; first < argvs.length;) {
    const ns = ipChangeIn(argvs[first]!);
    let end = first + 1;
    while (ns !== undefined && end < argvs.length && ipChangeIn(argvs[end]!) === ns) end++;
    if (end - first === 1) units.push({ line: shellLine(argvs[first]!), first, count: 1 });
    else {
      const lines = argvs.slice(first, end).map((a) => a.slice(ns ? 3 : 1).join(' '));
      units.push({ line: `${shellLine(['ip', ...(ns ? ['-n', ns] : []), '-batch', '-'])} <<'LAB_IP'\n${lines.join('\n')}\nLAB_IP`, first, count: end - first });
    }
    first = end;
  }
  return units;
}

/** What `ip -batch` says of the line that failed. */
const IP_BATCH_FAILED = /^Command failed -:(\d+)$/;

/**
 * A failed batch's result as the failure of the command in it that failed, on `where`: the
 * command the shell traced last (none of a batch's commands expands at the top level, so the
 * shell traces each line it starts once; an `ip -batch` names its line), with its own error output
 * alone (not the trace, nor what the commands before it wrote). A batch that did not fail is
 * returned as it is.
 */
export function batchFailure(result: ExecResult, argvs: readonly (readonly string[])[], where?: string): ExecResult {
  if (result.ok) return result;
  const lines = result.stderr.split('\n');
  const unit = batchUnits(argvs)[lines.filter((l) => l.startsWith(BATCH_TRACE)).length - 1];
  if (!unit) return result;
  // Its own error output: what follows its trace (as many lines as its words hold; an `ip -batch`'s is one).
  const traced = lines.map((l) => l.startsWith(BATCH_TRACE)).lastIndexOf(true);
  const own = lines.slice(traced + (unit.count > 1 ? 1 : argvs[unit.first]!.join(' ').split('\n').length));
  const line = unit.count > 1 ? Number(own.map((l) => IP_BATCH_FAILED.exec(l)?.[1]).find(Boolean) ?? 1) : 1;
  const failed = argvs[unit.first + Math.min(line, unit.count) - 1]!;
  const stderr = own.filter((l) => !IP_BATCH_FAILED.test(l)).join('\n');
  return new ExecResult(failed, result.exitCode, result.stdout, stderr, result.durationMs, where);
}

/** How runBatch runs a batch: a node's or a runtime's exec, `recording` when it only writes the commands down. */
export type BatchRunner = ((argv: readonly string[], opts: ExecOptions) => Promise<ExecResult>) & { recording?: boolean };

/**
 * What a recorded batch's shell is given: `lab script` writes the batch's commands (ExecOptions'
 * `batch`) one per line, not its script, which a big lab would spell out for nothing.
 */
const RECORDED_BATCH = ['sh', '-xec', ':'];

/**
 * Runs commands as one batch through `run`; when it fails, the failure is that of the command in
 * it that failed, on `where` ({@link batchFailure}).
 */
export async function runBatch(run: BatchRunner, argvs: readonly (readonly string[])[], where?: string, opts: ExecOptions = {}): Promise<ExecResult> {
  const script = run.recording ? RECORDED_BATCH : batchScript(argvs);
  const result = batchFailure(await run(script, { ...opts, nothrow: true, env: { PS4: BATCH_TRACE, ...opts.env }, batch: argvs }), argvs, where);
  if (!result.ok && !opts.nothrow) throw result;
  return result;
}

/** The PATH nodes get: the standard directories, nothing of the caller's own. */
export const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The last lines of a command's error output, enough to say what went wrong. */
function clipLines(text: string, max = 20): string {
  const lines = text.split('\n');
  return lines.length > max ? [`… (${lines.length - max} lines before)`, ...lines.slice(-max)].join('\n') : text;
}

/**
 * Every zx setting, pinned, so that zx takes none from ZX_* environment variables (ZX_PREFIX,
 * ZX_SHELL…): what lab runs must not depend on the caller's environment, least of all under
 * `sudo -E`. zx always goes through a shell: /bin/sh, which reads no start-up file when it is not
 * interactive (bash would source the caller's ~/.bashrc, taking the socket Node gives it as stdin
 * for a remote shell, and BASH_ENV), and `exec` replaces it by the program at once. Each command
 * is a process group of its own, so a Ctrl-C at the terminal reaches lab alone, which ends what it
 * started (its abort kills the group).
 */
const ZX_SETTINGS = {
  shell: '/bin/sh',
  quote: shellQuote,
  prefix: 'exec ',
  postfix: '',
  preferLocal: false,
  detached: true,
  killSignal: 'SIGTERM' as NodeJS.Signals,
  timeoutSignal: 'SIGTERM' as NodeJS.Signals,
};

/**
 * zx, imported when the first command runs: it takes longer to load than a short CLI call such as
 * `lab exec` needs for all its own work.
 */
let zx: Promise<typeof import('zx/core')> | undefined;
const loadZx = () => (zx ??= import('zx/core'));

/** The variables passed on from the caller: where a proxy is (debootstrap), nothing else. */
const PASSED_ON = ['http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'];

/**
 * The whole environment of every command lab runs: the standard PATH, a UTF-8 C locale, root's
 * HOME, the proxy variables, and what the caller of exec adds (a node's OVS_RUNDIR, the lab mark).
 * Nothing else of the caller's: no BASH_ENV, no LD_PRELOAD, no PATH of its own.
 */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const passed = Object.fromEntries(PASSED_ON.flatMap((k) => (process.env[k] ? [[k, process.env[k]]] : [])));
  return { PATH: STANDARD_PATH, LANG: 'C.UTF-8', HOME: '/root', ...passed, ...extra };
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
  /** The commands are written down (`lab script`), not run: nothing on the host may be read as their result. */
  recording?: boolean;
  /** What interrupts these commands ({@link withSignal}): a runtime's own commands (Docker API execs) heed it too. */
  signal?: AbortSignal;
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
    const { $ } = await loadZx();
    const child = $({
      ...ZX_SETTINGS,
      cwd: process.cwd(),
      nothrow: true,
      quiet: true,
      verbose: false,
      input: opts.input,
      timeout: opts.timeoutMs ?? 0,
      env: childEnv(opts.env),
    })`${argv}`;
    const out = await killedWith(child, opts.signal);
    const code = out.exitCode ?? (out.signal ? 128 : 1);
    const result = new ExecResult(argv, code, out.stdout, out.stderr, performance.now() - started);
    if (!result.ok && !opts.nothrow) throw result;
    return result;
  };
  exec.onCommand = onCommand;
  return exec;
}

/** Ends the command's process group (a `sh -ec` batch and what it runs) when `signal` aborts. */
async function killedWith<T>(child: Promise<T> & { pid?: number }, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return child;
  const kill = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* ended already */
    }
  };
  if (signal.aborted) kill();
  signal.addEventListener('abort', kill, { once: true });
  try {
    return await child;
  } finally {
    signal.removeEventListener('abort', kill);
  }
}

/** The same exec, killed by `signal` (Ctrl-C), still reporting its commands. */
export function withSignal(exec: Exec, signal: AbortSignal | undefined): Exec {
  return Object.assign((argv: readonly string[], o?: ExecOptions) => exec(argv, { signal, ...o }), { onCommand: exec.onCommand, files: exec.files, recording: exec.recording, signal });
}

/**
 * The variable every process started for a lab carries in its environment, with the lab's state
 * directory as value: daemons and the shells of an `up` that was killed keep it, so `down` finds
 * them in /proc even when their namespace is gone or no pid file names them.
 */
export const LAB_MARK = 'LAB_DIR';

/** The same exec, every command marked as the lab's (see {@link LAB_MARK}). */
export function markedFor(exec: Exec, labDir: string): Exec {
  return Object.assign((argv: readonly string[], o: ExecOptions = {}) => exec(argv, { ...o, env: { [LAB_MARK]: labDir, ...o.env } }), { onCommand: exec.onCommand, files: exec.files, recording: exec.recording, signal: exec.signal });
}

/** A command as topology files write it: a shell line (run with sh -c) or an argv list. */
export function commandArgv(command: string | readonly string[]): string[] {
  return typeof command === 'string' ? ['sh', '-c', command] : [...command];
}
