import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { ExecResult } from '../../base/exec.js';

/** docker-modem's splitter of an exec's multiplexed stream (dockerode types the modem as `any`). */
interface Demuxer {
  demuxStream(stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void;
}

/** Splits a non-TTY exec's stream into its stdout and stderr. */
export function demux(container: Docker.Container, stream: NodeJS.ReadableStream, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
  (container.modem as Demuxer).demuxStream(stream, stdout, stderr);
}

/**
 * Runs argv in a container through the Docker API (no docker CLI) and collects its output.
 * Exit code, stdout and stderr come back as an ExecResult, like every other command.
 */
export async function dockerExec(container: Docker.Container, argv: readonly string[], env: Record<string, string> = {}, timeoutMs?: number): Promise<ExecResult> {
  const started = performance.now();
  const exec = await container.exec({
    Cmd: [...argv],
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  stdout.on('data', (c: Buffer) => chunks.out.push(c));
  stderr.on('data', (c: Buffer) => chunks.err.push(c));
  demux(container, stream, stdout, stderr);
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = timeoutMs ? new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs))) : new Promise<never>(() => {});
  const outcome = await Promise.race([ended, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    stream.destroy();
    return new ExecResult(argv, 124, Buffer.concat(chunks.out).toString(), `timed out after ${timeoutMs} ms`, performance.now() - started);
  }
  const info = await exec.inspect();
  return new ExecResult(argv, info.ExitCode ?? 1, Buffer.concat(chunks.out).toString(), Buffer.concat(chunks.err).toString(), performance.now() - started);
}
