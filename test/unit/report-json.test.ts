import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerTest } from '../../src/cli/commands/test.js';
import { testLab } from '../../src/core/test.js';
import { junitXml } from '../../src/report/junit.js';
import { summaryLines } from '../../src/report/summary.js';
import { threeLabs } from './report-fixtures.js';

// `lab test` as the CLI runs it, but each lab's run is the report it would have made: no lab comes up.
vi.mock('../../src/core/test.js', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../src/core/test.js')>()), testLab: vi.fn() }));

describe('lab test --json and --junit: the reports the CLI writes', () => {
  let dir: string;
  const stdout: string[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lab-report-'));
    stdout.length = 0;
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the totals and every lab report as JSON, the JUnit XML, prints the summary and exits 2 when a lab did not come up', async () => {
    const reports = threeLabs();
    for (const r of reports) vi.mocked(testLab).mockResolvedValueOnce(r);
    const program = new Command('lab').exitOverride();
    registerTest(program);
    const json = join(dir, 'deep/report.json');
    const junit = join(dir, 'junit.xml');
    await program.parseAsync(['test', 'labs/dmz.yaml', 'labs/subnets-routed.yaml', 'labs/vpc.yaml', '--json', json, '--junit', junit, '--bundle-dir', dir], { from: 'user' });

    expect(vi.mocked(testLab).mock.calls.map(([lab]) => lab.name)).toEqual(['dmz', 'subnets-routed', 'vpc']);
    const text = await readFile(json, 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({ passed: 3, failed: 1, skipped: 1, errors: 1, labs: reports });
    expect(text).toContain('\n  "labs": [\n    {\n      "lab": "dmz",');
    expect(await readFile(junit, 'utf8')).toBe(junitXml(reports));
    expect(stdout.join('')).toBe(
      summaryLines(reports)
        .map((l) => `${l}\n`)
        .join(''),
    );
    expect(process.exitCode).toBe(2);
  });
});
