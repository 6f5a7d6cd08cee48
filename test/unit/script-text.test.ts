import { describe, expect, it } from 'vitest';
import { ScriptText } from '../../src/core/script-text.js';

/** What the pieces say, put together. */
const whole = (t: ScriptText) => Buffer.concat(t.pieces()).toString('utf8');

describe('a script written as UTF-8 pieces', () => {
  it('gives back every line with its newline, in order, across many buffers', () => {
    const text = new ScriptText();
    const lines = Array.from({ length: 50_000 }, (_, i) => `in_node hv${i} ip link set dev eth0 up # ${'x'.repeat(i % 97)}`);
    for (const line of lines) text.push(line);
    expect(text.pieces().length).toBeGreaterThan(2);
    expect(whole(text)).toBe(`${lines.join('\n')}\n`);
  });

  it('keeps characters beyond ASCII whole, also where a buffer ends', () => {
    const text = new ScriptText();
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) lines.push(`echo 'né ${i} 🧪 北京'`);
    text.push(...lines);
    expect(whole(text)).toBe(`${lines.join('\n')}\n`);
  });

  it('takes a line longer than a buffer, and empty lines', () => {
    const text = new ScriptText();
    const long = `cat <<'LAB_EOF'\n${'é'.repeat(3_000_000)}\nLAB_EOF`;
    text.push('', 'set -e', long, '', 'echo done');
    expect(whole(text)).toBe(`\nset -e\n${long}\n\necho done\n`);
    expect(text.toString()).toBe(whole(text));
  });

  it('writes nothing when given nothing', () => {
    expect(whole(new ScriptText())).toBe('');
  });
});
