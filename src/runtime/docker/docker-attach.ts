import type Docker from 'dockerode';
import type { Terminal, TerminalSize } from '../terminal.js';

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
    container.modem.demuxStream(stream, process.stdout, process.stderr);
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
  // The latest size asked for: the exec must run before it can be resized, so the first resize
  // waits a moment, and must not undo a newer size asked for meanwhile.
  let latest = size;
  const apply = () => void exec.resize({ w: Math.max(1, Math.floor(latest.cols)), h: Math.max(1, Math.floor(latest.rows)) }).catch(() => undefined);
  const resize = (s: TerminalSize) => {
    latest = s;
    apply();
  };
  stream.on('error', () => undefined);
  setTimeout(apply, 100);
  return {
    write: (data) => void (ended || stream.write(data)),
    resize,
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
