import { connect } from 'node:net';

/** A command a daemon answered with an error (what ovs-appctl prints and exits 2 for). */
export class UnixctlError extends Error {
  constructor(
    readonly command: readonly string[],
    readonly reply: string,
  ) {
    super(`ovs-appctl ${command.join(' ')}: ${reply.trim()}`);
    this.name = 'UnixctlError';
  }
}

/**
 * What `ovs-appctl` does, in this process: commands sent to an OVS or OVN daemon's control socket
 * (`<run dir>/<daemon>.<pid>.ctl`, JSON-RPC as lib/unixctl.c speaks it), all over one connection,
 * their replies read back in order. A process costs: on this project's machines an `ovs-appctl`
 * takes about 20 ms of CPU, and a chassis of the tenant layout set its nine tunnel neighbours with
 * nine of them (15 % of all the CPU of an up of 100 chassis). Rejects with a {@link UnixctlError}
 * for the first command the daemon refuses, and with the socket's error when it cannot be reached.
 */
export function unixctl(socket: string, commands: readonly (readonly string[])[], timeoutMs = 10_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const replies: string[] = [];
    const conn = connect(socket);
    const reader = jsonStream();
    const fail = (e: Error) => {
      conn.destroy();
      reject(e);
    };
    conn.setTimeout(timeoutMs, () => fail(new Error(`${socket}: no reply within ${timeoutMs} ms`)));
    conn.on('error', fail);
    conn.on('connect', () => conn.write(commands.map((c, id) => JSON.stringify({ id, method: c[0], params: c.slice(1) })).join('')));
    conn.on('data', (chunk: Buffer) => {
      for (const text of reader(chunk.toString('utf8'))) {
        const reply = JSON.parse(text) as { id: number; result: string | null; error: string | null };
        const command = commands[reply.id] ?? [];
        if (reply.error !== null) return fail(new UnixctlError(command, String(reply.error)));
        replies.push(reply.result ?? '');
        if (replies.length === commands.length) {
          conn.destroy();
          resolve(replies);
        }
      }
    });
    conn.on('close', () => replies.length < commands.length && reject(new Error(`${socket}: closed after ${replies.length} of ${commands.length} replies`)));
  });
}

/**
 * Splits a stream of JSON objects sent back to back, with no separator (as OVS's jsonrpc sends
 * them), into their texts: a function fed each chunk as it comes, returning the objects it
 * completed.
 */
function jsonStream(): (chunk: string) => string[] {
  let buffer = '';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let scanned = 0;
  return (chunk) => {
    buffer += chunk;
    const done: string[] = [];
    let start = 0;
    for (let i = scanned; i < buffer.length; i++) {
      const c = buffer[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        done.push(buffer.slice(start, i + 1).trim());
        start = i + 1;
      }
    }
    buffer = buffer.slice(start);
    scanned = buffer.length;
    return done;
  };
}
