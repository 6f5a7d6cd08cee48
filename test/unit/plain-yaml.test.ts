import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { plainYaml } from '../../src/topology/plain-yaml.js';
import { parseTopology } from '../../src/topology/load.js';
import { TopologyError } from '../../src/topology/topology-error.js';
import { generateLab } from '../../src/core/generate.js';

/** What `yaml` (the exact way, with positions) reads. */
const exact = (text: string) => parseDocument(text, { uniqueKeys: false }).toJS() as unknown;

/** Scalars where YAML 1.1, 1.2 and parsers part ways: each must read as `yaml` reads it, or take the exact way. */
const SCALARS = [
  '1_000',
  '0b101',
  '0o17',
  '017',
  '0x1F',
  '0X1F',
  '+12',
  '-0',
  '007',
  '1e3',
  '1E3',
  '1.5e+3',
  '.5',
  '5.',
  '-.5',
  '.inf',
  '-.Inf',
  '+.INF',
  '.NaN',
  '.nan',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'N',
  'True',
  'TRUE',
  'tRue',
  'false',
  '~',
  'null',
  'Null',
  'NULL',
  'nUll',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '12:30:45',
  '1:20',
  '0.1.2',
  '1,000',
  '12345678901234567890',
  '0x',
  '0o',
  '+',
  '-',
  '.',
  '0.',
  '1__0',
  '_1',
  '"quoted: x"',
  "'it''s'",
  '"\\u00e9\\x41\\t\\n"',
  'a#b',
  'a #comment',
  '10.0.0.1/24',
  '02:00:0a:00:00:28',
  'ip4.dst == 10.0.0.0/8',
  'tcp.dst == 22 || udp',
  '"ip4 && tcp"',
  '@x',
  '`x`',
  '%x',
  '|x',
  'x|',
  '>x',
  '=',
  '<<',
];

describe('a topology read the fast way is what the exact way reads', () => {
  it('reads every tricky scalar as `yaml` does, or leaves it to the exact way', () => {
    // The scalars that are a value `yaml` reads without a problem, all in one file.
    const valid = SCALARS.filter((s) => parseDocument(`k: ${s}\n`).errors.length === 0);
    expect(valid.length).toBeGreaterThan(60);
    const text = valid.map((s, i) => `k${i}: ${s}`).join('\n') + '\n';
    const fast = plainYaml(text);
    expect(fast).toBeDefined();
    expect(fast!.data).toEqual(exact(text));
  });

  it.each(SCALARS)('reads %s as a value in a list as `yaml` does', (s) => {
    const text = `- ${s}\n- [${s.startsWith("'") || s.startsWith('"') ? s : `"${s}"`}]\n`;
    const fast = plainYaml(text);
    if (fast) expect(fast.data).toEqual(exact(text));
  });

  it('reads block scalars, folding, chomping, flow collections and comments as `yaml` does', () => {
    const text = [
      'literal: |',
      '  line one',
      '    indented',
      '',
      '  after a blank',
      'keep: |+',
      '  kept',
      '',
      'strip: >-',
      '  folded',
      '  text',
      '',
      '  new paragraph',
      'plain: a multi',
      '  line plain',
      'flow: {a: [1, 2, {b: c}], "d e": f}',
      'empty:',
      'list:',
      '- a: 1',
      '  b: [x, y]',
      '-   - nested',
      "quoted: 'a # not a comment'",
      'tab: "a\\tb"   # a comment',
      '',
    ].join('\n');
    expect(plainYaml(text)!.data).toEqual(exact(text));
  });

  it('keeps a __proto__ key as a key of its own, as `yaml` does (no prototype is set)', () => {
    const text = 'name: x\n__proto__:\n  polluted: 1\n';
    const data = plainYaml(text)!.data as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['name', '__proto__']);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data).toEqual(exact(text));
  });

  it.each(readdirSync('labs').filter((f) => f.endsWith('.yaml')))('reads labs/%s as `yaml` does', (f) => {
    const text = readFileSync(`labs/${f}`, 'utf8');
    const fast = plainYaml(text);
    if (fast) expect(fast.data).toEqual(exact(text));
  });

  it('takes the fast way for every lab in labs/ but one whose ACL match wraps onto a line starting with &&', () => {
    // A line that starts with `&` could be an anchor: the fast way leaves it to the exact one.
    const exactOnly = readdirSync('labs').filter((f) => f.endsWith('.yaml') && !plainYaml(readFileSync(`labs/${f}`, 'utf8')));
    expect(exactOnly).toEqual(['ovn-trace.yaml']);
  });

  it('takes the fast way for a generated big lab, and its lab is the same', () => {
    const text = generateLab({ chassis: 20, vmsPerChassis: 2, chassisPerSwitch: 10, name: 'big', runtime: 'netns' });
    expect(plainYaml(text)).toBeDefined();
    expect(plainYaml(text)!.data).toEqual(exact(text));
  });
});

describe('what the fast way leaves to the exact way', () => {
  it.each([
    ['an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !foo 1\n'],
    ['a core tag', 'a: !!str 1\n'],
    ['a directive', '%YAML 1.1\n---\na: yes\n'],
    ['a repeated key', 'a: 1\na: 2\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
  ])('%s', (_what, text) => {
    expect(plainYaml(text)).toBeUndefined();
  });

  it("still says a problem's line and column in a file that is plain YAML", () => {
    const text = readFileSync('labs/dmz.yaml', 'utf8').replace('    ip: 172.16.255.131', '    ip: 172.16.255.999');
    expect(plainYaml(text)).toBeDefined();
    let err: unknown;
    try {
      parseTopology(text, 'dmz.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TopologyError);
    const issue = (err as TopologyError).issues[0]!;
    const line = text.split('\n').findIndex((l) => l.includes('172.16.255.999')) + 1;
    expect(issue.line).toBe(line);
  });
});
