import { spawn } from 'node:child_process';
import { readFile, readlink } from 'node:fs/promises';
import { shellLine } from '../base/shell-line.js';

/** A terminal's size in characters. */
export interface TerminalSize {
  cols: number;
  rows: number;
}

/**
 * An interactive program on a real pseudo-terminal (a shell for `lab web`): what it prints comes
 * out of `onData`, keys go in with `write`, `resize` sets the window size (the program gets SIGWINCH).
 */
export interface Terminal {
  write(data: string | Buffer): void;
  resize(size: TerminalSize): void;
  onData(listener: (data: Buffer) => void): void;
  onExit(listener: (code: number) => void): void;
  /** Ends the program (SIGHUP, as a closed terminal does). */
  close(): void;
}

const clamp = (n: number) => String(Math.max(1, Math.min(1000, Math.floor(n))));

/**
 * The pseudo-terminal (/dev/pts/N) of the program script(1) runs, read from /proc: its stdin,
 * once script's child has become the program. Before, the child is still the shell setting the
 * first size (`sh -c 'stty cols …; exec …'`), whose stty would undo a size set now.
 */
async function ptsOfProgram(pid: number): Promise<string | undefined> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const child = children.trim().split(/\s+/)[0];
  if (!child) return undefined;
  const cmdline = await readFile(`/proc/${child}/cmdline`, 'utf8').catch(() => '');
  if (cmdline.includes('\0stty cols ')) return undefined;
  const tty = await readlink(`/proc/${child}/fd/0`).catch(() => undefined);
  return tty?.startsWith('/dev/pts/') ? tty : undefined;
}

/** Runs stty on a pty's device: sets its window size, and the program on it gets SIGWINCH. */
function sttySize(pts: string, size: TerminalSize): Promise<void> {
  return new Promise((done) => {
    const stty = spawn('stty', ['-F', pts, 'cols', clamp(size.cols), 'rows', clamp(size.rows)], { stdio: 'ignore' });
    stty.on('error', () => done());
    stty.on('close', () => done());
  });
}

/**
 * Keys and resizes handed on in the order the page sent them: keys typed after a resize reach the
 * program once its window has the new size, as in a terminal emulator, where a resize is one
 * ioctl before the next key. Each resize goes to the latest size asked for, so a burst of them
 * (a window dragged) ends at the last.
 */
export function inOrder(write: (data: string | Buffer) => void, resizeTo: (size: TerminalSize) => Promise<void>): Pick<Terminal, 'write' | 'resize'> {
  let queue = Promise.resolve();
  let latest: TerminalSize | undefined;
  let applied: TerminalSize | undefined;
  const applyLatest = () => {
    const size = latest;
    if (!size || (applied && applied.cols === size.cols && applied.rows === size.rows)) return undefined;
    applied = size;
    return resizeTo(size);
  };
  // The queue never rejects: a key or resize that throws must not stop the ones after it, nor end
  // `lab web` with an unhandled rejection.
  const next = (work: () => unknown) =>
    void (queue = queue.then(work).then(
      () => undefined,
      () => undefined,
    ));
  return {
    write: (data) => next(() => write(data)),
    resize: (size) => {
      latest = size;
      next(applyLatest);
    },
  };
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * argv on a new pty of this host, through `script(1)` from util-linux (installed everywhere
 * Debian is): no native addon to build, no helper of our own on the pty. The window size is set
 * inside the pty (`stty`) before argv starts, and later by `stty -F` on the pty's device (found
 * as script's child's stdin), which sets it as a terminal emulator's resize does (TIOCSWINSZ:
 * the program gets SIGWINCH), in order with the keys (`inOrder`).
 */
export function scriptTerminal(argv: readonly string[], env: NodeJS.ProcessEnv, size: TerminalSize): Terminal {
  const command = `stty cols ${clamp(size.cols)} rows ${clamp(size.rows)}; exec ${shellLine([...argv])}`;
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], { env: { ...env, TERM: 'xterm-256color' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let exited = false;
  child.on('exit', () => (exited = true));
  // A closed page's keys, or a program gone: nothing to write to.
  child.stdin.on('error', () => undefined);
  const resizeTo = async (s: TerminalSize) => {
    // Right after the start, script may not run the program yet: a few tries.
    for (let tries = 0; tries < 20 && !exited; tries++) {
      const pts = await ptsOfProgram(child.pid ?? 0);
      if (pts) return sttySize(pts, s);
      await pause(100);
    }
  };
  return {
    ...inOrder((data) => void (exited || child.stdin.write(data)), resizeTo),
    onData: (listener) => {
      child.stdout.on('data', listener);
      child.stderr.on('data', listener);
    },
    onExit: (listener) => void child.on('close', (code) => listener(code ?? 1)),
    close: () => void (exited || child.kill('SIGHUP')),
  };
}
