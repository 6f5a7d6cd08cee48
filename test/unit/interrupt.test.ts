import { afterEach, describe, expect, it, vi } from 'vitest';
import { onInterrupt } from '../../src/cli/interrupt.js';

describe('Ctrl-C and SIGTERM to a command that makes a lab', () => {
  let release: (() => void) | undefined;
  afterEach(() => {
    release?.();
    vi.restoreAllMocks();
  });

  it('the first signal calls the handler once and says a teardown follows; the second is ignored', () => {
    const said = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const calls: string[] = [];
    release = onInterrupt((signal) => void calls.push(signal));
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    expect(calls).toEqual(['SIGTERM']);
    expect(said.mock.calls.map((c) => String(c[0]))).toEqual(['\nSIGTERM: stopping and tearing down what was made…\n']);
  });

  it('a handler with nothing left to stop (the lab is up already) says so instead of a teardown', () => {
    const said = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    release = onInterrupt((signal) => `${signal}: lab dmz is up already, nothing to stop`);
    process.emit('SIGTERM', 'SIGTERM');
    expect(said.mock.calls.map((c) => String(c[0]))).toEqual(['\nSIGTERM: lab dmz is up already, nothing to stop\n']);
  });

  it('once released, the signals are no longer listened to', () => {
    const before = process.listenerCount('SIGTERM');
    onInterrupt(() => undefined)();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
