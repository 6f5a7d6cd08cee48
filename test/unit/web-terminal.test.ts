import { describe, expect, it } from 'vitest';
import { scriptTerminal } from '../../src/runtime/terminal.js';

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
    // The resize is applied from outside (stty -F on the pty): give it a moment, then ask again.
    await new Promise((r) => setTimeout(r, 500));
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
