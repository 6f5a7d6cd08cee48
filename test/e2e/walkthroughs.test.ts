import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, describeE2E, lab, usesLabs } from './helpers.js';

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
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const lang = open[1]!;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    if (lang === 'output') {
      const last = commands.at(-1);
      if (!last || last.at < start - 40 || last.output !== undefined) throw new Error(`an output block at line ${start + 1} follows no command`);
      last.output = body.join('\n');
      continue;
    }
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
    execFile('bash', ['-c', `${prelude}\n${line}`], { cwd, env: { ...process.env, CI: 'true', ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      res({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: stdout + stderr });
    });
  });
}

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

describeE2E('every walkthrough, every command, against its lab', () => {
  usesLabs(...WALKTHROUGHS.map((w) => `wt-${w}`));
  afterAll(() => console.log(`walkthroughs:\n${figures.join('\n')}`));

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
            if (/^lab (up|test) labs\//.test(line)) line = line.replace(/^(lab (up|test) labs\/\S+\.yaml)/, `$1 --name ${testName}`);
            const result = await runLine(line, env, cwd);
            run++;
            expect(result.code, `${where}\n${result.output}`).toBe(c.exit);
            if (c.output !== undefined) {
              const problem = matchOutput(c.output, result.output.replaceAll(testName, labName));
              expect(problem, `${where}: its output differs from the walkthrough's\n${result.output}`).toBeUndefined();
              compared++;
            }
          }
        } finally {
          await lab(['down', testName]);
          rmSync(cwd, { recursive: true, force: true });
        }
        console.log(`walkthrough ${name}: ${run} commands run, ${compared} outputs compared, ${skipped.length} skipped`);
        figures.push(`  ${name}: ${run} commands run, ${compared} outputs compared, ${skipped.length} skipped (${((performance.now() - started) / 1000).toFixed(1)} s)${skipped.map((s) => `\n    skipped ${s}`).join('')}`);
      },
      600_000,
    );
  }
});
