import type Docker from 'dockerode';
import { demux } from './docker-exec.js';
import { inOrder, type Terminal, type TerminalSize } from '../terminal.js';

/**
 * Runs argv in a container with this process' stdin, stdout and stderr, through the Docker API
 * (a TTY when stdin is one, so shells and pagers work). Returns the exit code.
 */
export async function attachExec(container: Docker.Container, argv: string[], env: Record<string, string>): Promise<number> {
  const tty = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const exec = await container.exec({
    Cmd: argv,
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: tty,
  });
  const stream = await exec.start({ hijack: true, stdin: true, Tty: tty });
  if (tty) {
    process.stdin.setRawMode(true);
    stream.pipe(process.stdout);
  } else {
    demux(container, stream, process.stdout, process.stderr);
  }
  process.stdin.pipe(stream);
  await new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
  });
  process.stdin.unpipe(stream);
  if (tty) process.stdin.setRawMode(false);
  process.stdin.pause();
  return (await exec.inspect()).ExitCode ?? 1;
}

/**
 * argv in a container on a pseudo-terminal Docker makes (an exec with Tty), for a terminal in
 * `lab web`'s page: the Docker API resizes it.
 */
export async function execTerminal(container: Docker.Container, argv: string[], env: Record<string, string>, size: TerminalSize): Promise<Terminal> {
  const exec = await container.exec({ Cmd: argv, Env: Object.entries({ TERM: 'xterm-256color', ...env }).map(([k, v]) => `${k}=${v}`), AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
  let ended = false;
  // The exec must run before it can be resized, so the first size is set a moment later, to the
  // latest size asked for by then. Keys typed after a resize wait for it (inOrder).
  let latest = size;
  const resizeTo = (s: TerminalSize) => {
    latest = s;
    return exec.resize({ w: Math.max(1, Math.floor(s.cols)), h: Math.max(1, Math.floor(s.rows)) }).then(
      () => undefined,
      () => undefined,
    );
  };
  const ordered = inOrder((data) => void (ended || stream.write(data)), resizeTo);
  stream.on('error', () => undefined);
  setTimeout(() => void resizeTo(latest), 100);
  return {
    ...ordered,
    onData: (listener) => void stream.on('data', listener),
    onExit: (listener) => {
      const done = () => {
        if (ended) return;
        ended = true;
        void exec.inspect().then(
          (i) => listener(i.ExitCode ?? 1),
          () => listener(1),
        );
      };
      stream.on('end', done);
      stream.on('close', done);
    },
    close: () => {
      // Ctrl-D to the shell, then the connection goes: the shell gets SIGHUP from its lost terminal.
      if (!ended) stream.end('\x04');
      stream.destroy();
    },
  };
}
