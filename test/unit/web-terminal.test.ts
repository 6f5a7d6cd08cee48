import { describe, expect, it } from 'vitest';
import { inOrder, scriptTerminal } from '../../src/runtime/terminal.js';

/** Collects what a terminal prints until `want` shows, or fails after a while. */
function until(chunks: Buffer[], want: RegExp, ms = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const look = () => {
      const text = Buffer.concat(chunks).toString();
      if (want.test(text)) resolve(text);
      else if (Date.now() - started > ms) reject(new Error(`no ${want} in ${JSON.stringify(text)}`));
      else setTimeout(look, 50);
    };
    look();
  });
}

describe('a terminal through script(1): a real pty, sized and resized', () => {
  it('starts at the size asked on a pty of its own, follows a resize and ends with its exit code', async () => {
    const term = scriptTerminal(['sh', '-c', 'stty size; tty; while read line; do [ "$line" = end ] && exit 3; stty size; done'], { PATH: process.env.PATH }, { cols: 77, rows: 11 });
    const chunks: Buffer[] = [];
    term.onData((d) => chunks.push(d));
    const exit = new Promise<number>((resolve) => term.onExit(resolve));
    const first = await until(chunks, /11 77[\s\S]*\/dev\/pts\/\d+/);
    expect(first).toContain('11 77');
    term.resize({ cols: 120, rows: 40 });
    // The resize is applied from outside (stty -F on the pty), and a key typed right after it
    // waits for it: no pause here.
    term.write('again\n');
    await until(chunks, /40 120/);
    term.write('end\n');
    expect(await exit).toBe(3);
  });

  it('takes a size asked before the program has started, and ends at the last of a burst of them', async () => {
    const term = scriptTerminal(['sh', '-c', 'while read line; do [ "$line" = end ] && exit 0; stty size; done'], { PATH: process.env.PATH }, { cols: 80, rows: 24 });
    const chunks: Buffer[] = [];
    term.onData((d) => chunks.push(d));
    const exit = new Promise<number>((resolve) => term.onExit(resolve));
    // At once, as the page sends its size when the socket opens: not lost, not undone by the first size.
    term.resize({ cols: 90, rows: 20 });
    await new Promise((r) => setTimeout(r, 1500));
    term.write('size\n');
    await until(chunks, /20 90/);
    // A window dragged: sizes one after another.
    for (const [cols, rows] of [
      [100, 25],
      [130, 33],
      [111, 29],
    ] as const)
      term.resize({ cols, rows });
    await new Promise((r) => setTimeout(r, 1500));
    term.write('size\n');
    await until(chunks, /29 111/);
    term.write('end\n');
    expect(await exit).toBe(0);
  });
});

describe('keys and resizes in the order the page sent them', () => {
  it('holds keys typed after a slow resize until it is done, and resizes to the latest size asked', async () => {
    const seen: string[] = [];
    let finish = () => undefined as void;
    const term = inOrder(
      (data) => void seen.push(`key ${String(data)}`),
      (size) => {
        seen.push(`resize ${size.rows}x${size.cols}`);
        return size.rows === 40 ? new Promise<void>((done) => (finish = done)) : Promise.resolve();
      },
    );
    term.write('a');
    term.resize({ rows: 40, cols: 120 });
    await new Promise((r) => setTimeout(r, 10));
    term.write('b');
    term.resize({ rows: 20, cols: 60 });
    term.resize({ rows: 30, cols: 90 });
    term.write('c');
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['key a', 'resize 40x120']);
    finish();
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual(['key a', 'resize 40x120', 'key b', 'resize 30x90', 'key c']);
  });
});
