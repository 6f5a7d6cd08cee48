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
 * How long an exec may run on once its command is interrupted (Ctrl-C during up). The Docker API
 * cannot signal an exec's process, and the lab's teardown removes its container anyway; but a
 * dockerd that stopped answering about a container must not hold the interrupted command for ever.
 */
export const INTERRUPT_GRACE_MS = 10_000;

/**
 * Runs argv in a container through the Docker API (no docker CLI) and collects its output.
 * Exit code, stdout and stderr come back as an ExecResult, like every other command.
 */
export async function dockerExec(container: Docker.Container, argv: readonly string[], opts: { env?: Record<string, string>; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ExecResult> {
  const { env = {}, timeoutMs, signal } = opts;
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
  const timers: NodeJS.Timeout[] = [];
  const after = <T>(ms: number, value: T) => new Promise<T>((r) => timers.push(setTimeout(() => r(value), ms)));
  const timedOut = timeoutMs ? after(timeoutMs, 'timeout' as const) : new Promise<never>(() => {});
  let onAbort = () => {};
  const interrupted = signal ? new Promise<'interrupted'>((r) => (onAbort = () => void after(INTERRUPT_GRACE_MS, 'interrupted' as const).then(r))) : new Promise<never>(() => {});
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const outcome = await Promise.race([ended, timedOut, interrupted]);
  for (const t of timers) clearTimeout(t);
  signal?.removeEventListener('abort', onAbort);
  if (outcome === 'timeout' || outcome === 'interrupted') {
    stream.destroy();
    const why = outcome === 'timeout' ? `timed out after ${timeoutMs} ms` : `interrupted, and the exec did not end within ${INTERRUPT_GRACE_MS / 1000} s`;
    return new ExecResult(argv, outcome === 'timeout' ? 124 : 130, Buffer.concat(chunks.out).toString(), why, performance.now() - started);
  }
  const info = await exec.inspect();
  return new ExecResult(argv, info.ExitCode ?? 1, Buffer.concat(chunks.out).toString(), Buffer.concat(chunks.err).toString(), performance.now() - started);
}
