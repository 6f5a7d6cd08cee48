import type Docker from 'dockerode';

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
