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

/** The pseudo-terminal a process has as its stdin (/dev/pts/N), read from /proc. */
async function ptsOfChild(pid: number): Promise<string | undefined> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const child = children.trim().split(/\s+/)[0];
  if (!child) return undefined;
  const tty = await readlink(`/proc/${child}/fd/0`).catch(() => undefined);
  return tty?.startsWith('/dev/pts/') ? tty : undefined;
}

/**
 * argv on a new pty of this host, through `script(1)` from util-linux (installed everywhere
 * Debian is): no native addon to build. The window size is set inside the pty (`stty`) before
 * argv starts, and later by `stty -F` on the pty's device, which signals the program as a
 * terminal emulator's resize does.
 */
export function scriptTerminal(argv: readonly string[], env: NodeJS.ProcessEnv, size: TerminalSize): Terminal {
  const command = `stty cols ${clamp(size.cols)} rows ${clamp(size.rows)}; exec ${shellLine([...argv])}`;
  const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], { env: { ...env, TERM: 'xterm-256color' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let exited = false;
  child.on('exit', () => (exited = true));
  // A closed page's keys, or a program gone: nothing to write to.
  child.stdin.on('error', () => undefined);
  return {
    write: (data) => void (exited || child.stdin.write(data)),
    resize: (s) => {
      void ptsOfChild(child.pid ?? 0).then((pts) => {
        if (pts && !exited) spawn('stty', ['-F', pts, 'cols', clamp(s.cols), 'rows', clamp(s.rows)], { stdio: 'ignore' }).on('error', () => undefined);
      });
    },
    onData: (listener) => {
      child.stdout.on('data', listener);
      child.stderr.on('data', listener);
    },
    onExit: (listener) => void child.on('close', (code) => listener(code ?? 1)),
    close: () => void (exited || child.kill('SIGHUP')),
  };
}
