import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeImage } from '../../src/runtime/docker/images.js';
import type { Release } from '../../src/topology/model.js';
import { CLI, describeE2E, dockerPrerequisites, lab } from './helpers.js';

/**
 * Every walkthrough (labs/*.md) run as a learner types it: each command of its `sh` blocks that
 * use `lab`, in order, against its lab brought up under a test-only name (`wt-<lab>`, with LAB set
 * to it, so a user's lab of the same name is never touched). An `output` block right after a
 * command's block is what that command prints, compared (see {@link matchOutput}). The notes' raw
 * commands (`sh` blocks without `lab`) are shown, not run.
 */

export interface Command {
  /** The command line as the walkthrough writes it (continuations joined, `sudo ` dropped). */
  line: string;
  /** Its line in the walkthrough. */
  at: number;
  /** The output block after it, when there is one. */
  output?: string;
  /** Output blocks for some OVN versions only (```output ovn>=24.09```), in place of `output` there. */
  variants?: { ovn: string[]; output: string }[];
  /** The exit code it is written to have (`# … (exit N)`), 0 unless said. */
  exit: number;
}

/** Commands that cannot run unattended, and why. */
const UNATTENDED: [RegExp, string][] = [[/^lab shell\b/, 'interactive: a shell on the terminal']];

/** The commands of a walkthrough, in order. */
export function walkthroughCommands(text: string): Command[] {
  const lines = text.split('\n');
  const commands: Command[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)((?:\s+ovn(?:>=|<)\d+\.\d+)*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const lang = open[1]!;
    const ovn = open[2]!
      .split(/\s+/)
      .filter(Boolean)
      .map((r) => r.slice(3));
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    if (lang === 'output') {
      const last = commands.at(-1);
      if (!last || last.at < start - 60 || (!ovn.length && (last.output !== undefined || last.variants))) throw new Error(`an output block at line ${start + 1} follows no command`);
      if (ovn.length) (last.variants ??= []).push({ ovn, output: body.join('\n') });
      else last.output = body.join('\n');
      continue;
    }
    if (ovn.length) throw new Error(`line ${start + 1}: only an output block takes an OVN range`);
    if (lang !== 'sh' || !body.some((l) => /^(sudo )?lab /.test(l))) continue;
    for (let j = 0; j < body.length; j++) {
      let line = body[j]!;
      const at = start + 2 + j;
      while (line.endsWith('\\') && j + 1 < body.length) line = `${line.slice(0, -1)} ${body[++j]!.trim()}`;
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const exit = /#.*\(exit (\d+)\)\s*$/.exec(line);
      commands.push({ line: line.replace(/^sudo /, '').replace(/; do sudo lab /g, '; do lab '), at, exit: exit ? Number(exit[1]) : 0 });
    }
  }
  return commands;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A line of an output block as a pattern: `…` stands for anything (what varies: addresses from
 * DHCP, counters), a UUID for any UUID, a duration in seconds for any, runs of spaces for any run.
 */
function linePattern(line: string): RegExp {
  const parts = line
    .trim()
    .split('…')
    .map((p) =>
      escape(p)
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}')
        .replace(/\d+\\\.\d+m?s\b/g, '\\d+(\\.\\d+)?m?s')
        .replace(/\s+/g, '\\s+'),
    );
  return new RegExp(`^\\s*${parts.join('.*')}\\s*$`);
}

/**
 * Whether a command's output is what its block shows: every line of the block matches a line of
 * the output, in order. Without a line `…` of its own in the block, the output has no other lines
 * (so a missing row, an extra row or an error fails); with one, other lines may stand there.
 */
export function matchOutput(expected: string, actual: string): string | undefined {
  const want = expected.split('\n').filter((l) => l.trim());
  const got = actual.split('\n').filter((l) => l.trim());
  let g = 0;
  let gap = false;
  for (const w of want) {
    if (w.trim() === '…') {
      gap = true;
      continue;
    }
    const re = linePattern(w);
    const from = g;
    while (g < got.length && !re.test(got[g]!)) {
      if (!gap) return `expected line ${JSON.stringify(w.trim())}, got ${JSON.stringify(got[from])}`;
      g++;
    }
    if (g >= got.length) return `expected line ${JSON.stringify(w.trim())} is missing`;
    g++;
    gap = false;
  }
  if (!gap && g < got.length) return `unexpected line ${JSON.stringify(got[g])}`;
  return undefined;
}

/**
 * Runs a walkthrough line in bash as a learner would, `lab` being this checkout's CLI, in a
 * directory of its own where `labs/` is this checkout's (what a command writes, such as
 * `-o vpc.html`, lands there).
 */
function runLine(line: string, env: Record<string, string>, cwd: string): Promise<{ code: number; output: string }> {
  const prelude = `exec 2>&1; lab() { ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} "$@"; }; sudo() { "$@"; };`;
  return new Promise((res) => {
    execFile('bash', ['-c', `${prelude}\n${line}`], { cwd, env: { ...process.env, CI: 'true', ...env }, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: stdout + stderr });
    });
  });
}

/** True when an OVN version (25.03.0) is in a range ('>=24.09', '<24.09'), by major and minor. */
export function ovnInRange(version: string, range: string): boolean {
  const m = /^(>=|<)(\d+)\.(\d+)$/.exec(range);
  if (!m) throw new Error(`an OVN range is >=X.Y or <X.Y, not '${range}'`);
  const [major, minor] = version.split('.').map(Number);
  const have = major! * 100 + minor!;
  const want = Number(m[2]) * 100 + Number(m[3]);
  return m[1] === '>=' ? have >= want : have < want;
}

/** What a command's output is to be on an OVN version: the first block whose ranges all hold it, else the plain one. */
export function expectedOutput(c: Command, ovn: string | undefined): string | undefined {
  const variant = ovn === undefined ? undefined : c.variants?.find((v) => v.ovn.every((r) => ovnInRange(ovn, r)));
  return variant ? variant.output : c.output;
}

/**
 * The runtime and release the walkthroughs run on: the netns runtime unless
 * LAB_WALKTHROUGH_RUNTIME=docker (with LAB_WALKTHROUGH_RELEASE=bookworm, trixie or sid). A learner
 * passes them to `lab up` as these are passed: `lab up FILE --runtime docker --release trixie`.
 */
const RUNTIME = process.env.LAB_WALKTHROUGH_RUNTIME ?? 'netns';
const RELEASE = process.env.LAB_WALKTHROUGH_RELEASE;
const UP_FLAGS = `${RUNTIME === 'netns' ? '' : ` --runtime ${RUNTIME}`}${RELEASE ? ` --release ${RELEASE}` : ''}`;

/** The OVN version the walkthroughs' labs run: this host's, or the node image's of the release. */
async function runtimeOvnVersion(): Promise<string | undefined> {
  const argv = RUNTIME === 'docker' ? ['docker', 'run', '--rm', '--entrypoint', 'ovn-nbctl', nodeImage((RELEASE ?? 'bookworm') as Release), '--version'] : ['ovn-nbctl', '--version'];
  const out = await new Promise<string>((res) => execFile(argv[0]!, argv.slice(1), { timeout: 120_000 }, (_e, stdout) => res(stdout)));
  return /(\d+\.\d+\.\d+)/.exec(out)?.[1];
}

const missing = RUNTIME === 'docker' ? await dockerPrerequisites([(RELEASE ?? 'bookworm') as Release]) : [];
const OVN = missing.length ? undefined : await runtimeOvnVersion();

const WALKTHROUGHS = readdirSync('labs')
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => f.slice(0, -3))
  .sort();

const figures: string[] = [];

describe('the comparison of a walkthrough output block with what its command prints', () => {
  const block = ['NAME   STATE', 'hv1    … up', 'hv2    … up'].join('\n');
  it('passes the same rows, whatever stands where the block has …, and any UUID or duration', () => {
    expect(matchOutput(block, 'NAME STATE\nhv1 10.0.0.2 up\nhv2 10.0.0.3 up\n')).toBeUndefined();
    expect(matchOutput('_uuid : 0f6c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f\ntook 0.42s', '_uuid  : 9a8b7c6d-1111-2222-3333-444455556666\ntook 12.5s')).toBeUndefined();
  });
  it('fails a wrong row, a missing line, an extra line and an error', () => {
    expect(matchOutput(block, 'NAME STATE\nhv1 10.0.0.2 up\nhv2 10.0.0.3 down\n')).toMatch(/expected line "hv2/);
    expect(matchOutput(block, 'NAME STATE\nhv1 10.0.0.2 up\n')).toMatch(/is missing/);
    expect(matchOutput(block, 'NAME STATE\nhv1 a up\nhv2 b up\nhv3 c up')).toMatch(/unexpected line "hv3/);
    expect(matchOutput(block, "error: no lab named 'dmz' is up")).toMatch(/expected line "NAME/);
  });
  it('lets a line … stand for other lines, and only there', () => {
    expect(matchOutput('first\n…\nlast', 'first\nx\ny\nlast')).toBeUndefined();
    expect(matchOutput('first\nlast', 'first\nx\nlast')).toMatch(/expected line "last"/);
  });
  it("reads the commands of lab blocks, their exit codes and output blocks, and not the notes' raw commands", () => {
    const md = ['```sh', 'ovn-nbctl ls-add dmz', '```', '```sh', 'sudo lab up labs/x.yaml', 'export LAB=x', 'lab exec vm1 -- false   # fails (exit 1)', 'lab nbctl -- show \\', '  --bare', '```', '', '```output', 'switch …', '```'].join(
      '\n',
    );
    expect(walkthroughCommands(md)).toEqual([
      { line: 'lab up labs/x.yaml', at: 5, exit: 0 },
      { line: 'export LAB=x', at: 6, exit: 0 },
      { line: 'lab exec vm1 -- false   # fails (exit 1)', at: 7, exit: 1 },
      { line: 'lab nbctl -- show  --bare', at: 8, exit: 0, output: 'switch …' },
    ]);
  });
});

const DOWN_MS = 240_000;

describe("a walkthrough's output blocks for other OVN versions", () => {
  const md = ['```sh', 'lab nbctl -- lr-list', '```', '', '```output', 'old', '```', '', 'On OVN 25.03:', '', '```output ovn>=24.09', 'new', '```', '```output ovn>=26.03', 'newest', '```'].join('\n');
  it('reads a block with OVN ranges next to the plain one', () => {
    expect(walkthroughCommands(md)).toEqual([
      {
        line: 'lab nbctl -- lr-list',
        at: 2,
        exit: 0,
        output: 'old',
        variants: [
          { ovn: ['>=24.09'], output: 'new' },
          { ovn: ['>=26.03'], output: 'newest' },
        ],
      },
    ]);
  });
  it('compares with the first block whose ranges hold the OVN run, else the plain one', () => {
    const [c] = walkthroughCommands(md);
    expect(expectedOutput(c!, '23.03.1')).toBe('old');
    expect(expectedOutput(c!, '25.03.0')).toBe('new');
    expect(expectedOutput(c!, '24.09.0')).toBe('new');
    expect(expectedOutput(c!, '24.03.9')).toBe('old');
    expect(expectedOutput({ line: 'x', at: 1, exit: 0, variants: [{ ovn: ['>=24.03', '<25.03'], output: 'mid' }] }, '25.03.0')).toBeUndefined();
    expect(expectedOutput({ line: 'x', at: 1, exit: 0, variants: [{ ovn: ['>=24.03', '<25.03'], output: 'mid' }] }, '24.09.1')).toBe('mid');
  });
  it('refuses a second plain block and a range on a command block', () => {
    expect(() => walkthroughCommands(['```sh', 'lab status', '```', '```output', 'a', '```', '```output', 'b', '```'].join('\n'))).toThrow(/follows no command/);
    expect(() => walkthroughCommands(['```sh ovn>=24.09', 'lab status', '```'].join('\n'))).toThrow(/only an output block/);
    expect(() => ovnInRange('25.03.0', '>24.09')).toThrow(/>=X.Y or <X.Y/);
  });
});

describeE2E(
  `every walkthrough, every command, against its lab (${RUNTIME}${RELEASE ? ` ${RELEASE}` : ''})`,
  () => {
    afterAll(() => console.log(`walkthroughs (${RUNTIME}${RELEASE ? ` ${RELEASE}` : ''}):\n${figures.join('\n')}`));

    for (const name of WALKTHROUGHS) {
      it(
        name,
        async () => {
          const started = performance.now();
          const text = readFileSync(join('labs', `${name}.md`), 'utf8');
          const labName = /^name: *(\S+)/m.exec(readFileSync(join('labs', `${name}.yaml`), 'utf8'))![1]!;
          const testName = `wt-${labName}`.slice(0, 20);
          const commands = walkthroughCommands(text);
          const upAt = commands.findIndex((c) => c.line.startsWith(`lab up labs/${name}.yaml`));
          expect(upAt, `${name}.md brings its lab up with 'lab up labs/${name}.yaml'`).toBeGreaterThanOrEqual(0);
          expect(commands[upAt + 1]?.line, `${name}.md says 'export LAB=${labName}' right after its lab up`).toBe(`export LAB=${labName}`);
          expect(commands.at(-1)?.line, `${name}.md ends with 'lab down $LAB'`).toMatch(/^lab down \$LAB\b/);
          const env = { LAB: testName };
          const cwd = mkdtempSync(join(tmpdir(), 'lab-walkthrough-'));
          symlinkSync(resolve('labs'), join(cwd, 'labs'));
          let run = 0;
          let compared = 0;
          const skipped: string[] = [];
          // Only this walkthrough's own test lab: one a crashed earlier run left, before; its own, after.
          await lab(['down', testName], { timeoutMs: DOWN_MS });
          try {
            for (const c of commands.slice(upAt)) {
              const where = `${name}.md:${c.at}: ${c.line}`;
              if (c.line.startsWith('export LAB=')) continue;
              const unattended = UNATTENDED.find(([re]) => re.test(c.line));
              if (unattended) {
                skipped.push(`${name}.md:${c.at} '${c.line.replace(/\s+#.*$/, '')}': ${unattended[1]}`);
                continue;
              }
              // The lab is named by $LAB, never by its name: that would be the user's lab.
              expect(c.line, `${where}: name the lab with $LAB`).not.toMatch(new RegExp(`^lab (status|graph|down|test|exec --lab|nbctl --lab)\\s+${labName}\\b`));
              let line = c.line;
              if (/^lab (up|test) labs\//.test(line)) line = line.replace(/^(lab (up|test) labs\/\S+\.yaml)/, `$1 --name ${testName}${UP_FLAGS}`);
              const result = await runLine(line, env, cwd);
              run++;
              expect(result.code, `${where}\n${result.output}`).toBe(c.exit);
              const expected = expectedOutput(c, OVN);
              if (expected !== undefined) {
                const problem = matchOutput(expected, result.output.replaceAll(testName, labName));
                expect(problem, `${where}: its output differs from the walkthrough's\n${result.output}`).toBeUndefined();
                compared++;
              }
            }
          } finally {
            await lab(['down', testName], { timeoutMs: DOWN_MS });
            rmSync(cwd, { recursive: true, force: true });
          }
          console.log(`walkthrough ${name} (OVN ${OVN}): ${run} commands run, ${compared} outputs compared, ${skipped.length} skipped`);
          figures.push(`  ${name} (OVN ${OVN}): ${run} commands run, ${compared} outputs compared, ${skipped.length} skipped (${((performance.now() - started) / 1000).toFixed(1)} s)${skipped.map((s) => `\n    skipped ${s}`).join('')}`);
        },
        // The lab down before and after (up to 240 s each on a loaded machine) and the commands.
        1_200_000,
      );
    }
  },
  missing,
);
