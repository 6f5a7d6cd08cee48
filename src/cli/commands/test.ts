import { setMaxListeners } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readRecord } from '../../core/lab-store.js';
import type { LabTestReport } from '../../core/test.js';
import { jsonReport } from '../../report/json.js';
import { summaryLines, totals } from '../../report/summary.js';
import type { Lab } from '../../topology/model.js';
import { buildOption, cliContext, ENGINES_OPTION, enginesOption, out, OVN_OPTION, OVS_OPTION, pickLab, releaseOption, topologyLoader } from '../context.js';
import { onInterrupt } from '../interrupt.js';

interface TestFlags {
  keep?: boolean;
  only?: string[];
  list?: boolean;
  junit?: string;
  json?: string;
  runtime?: string;
  engines?: string;
  release?: string;
  ovn?: string;
  ovs?: string;
  bundleDir: string;
  verbose?: boolean;
}

const isFile = (arg: string) => /\.ya?ml$/.test(arg) || existsSync(arg);

/** Each argument as a lab: a file is loaded (and will be brought up), a name is a lab already up. */
async function targets(args: string[]): Promise<{ lab: Lab; running: boolean }[]> {
  const out: { lab: Lab; running: boolean }[] = [];
  for (const arg of args) {
    if (isFile(arg)) out.push({ lab: await (await topologyLoader()).loadTopology(arg), running: false });
    else out.push({ lab: (await readRecord(await pickLab(arg))).lab, running: true });
  }
  return out;
}

async function writeReport(path: string, text: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  await writeFile(path, text);
}

export function registerTest(program: Command): void {
  program
    .command('test')
    .description('bring labs up, run their checks, take them down (a lab NAME that is up is only checked)')
    .argument('<labs...>', 'topology files, or names of labs that are up')
    .option('--keep', 'leave the labs up after their checks')
    .option('--only <check>', 'run only this check (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--list', 'list the checks without running anything')
    .option('--junit <path>', 'write a JUnit XML report')
    .option('--json <path>', 'write a JSON report')
    .option('--runtime <name>', "netns or docker (default: each file's runtime)")
    .option('--release <name>', 'docker runtime: every node of every lab on this Debian release (bookworm, trixie, sid)')
    .option('--ovn <dir>', OVN_OPTION)
    .option('--ovs <dir>', OVS_OPTION)
    .option('--engines <list>', ENGINES_OPTION)
    .option('--bundle-dir <dir>', 'where failure bundles are saved (default: lab-failures in the temporary directory, never the source tree)', join(tmpdir(), 'lab-failures'))
    .option('-v, --verbose', 'print every command run and every retry')
    .action(async (args: string[], opts: TestFlags) => {
      const { selectChecks, testLab } = await import('../../core/test.js');
      const labs = await targets(args);
      for (const t of labs) selectChecks(t.lab, opts.only); // unknown --only names fail before anything starts
      if (opts.list) {
        for (const { lab } of labs) {
          const checks = selectChecks(lab, opts.only);
          out(`lab ${lab.name}${lab.file ? ` (${lab.file})` : ''}: ${checks.length} checks`);
          const { checkSpec } = await import('../../topology/checks/all.js');
          const { checkCommand, commandLines, visible } = await import('../../topology/commands.js');
          for (const c of checks) {
            out(`  ${visible(c.name)}  [${c.kind}] ${visible(checkSpec(c.kind).expected(c, lab))}`);
            const run = checkCommand(c, lab);
            if (run) for (const line of commandLines('      ', `runs as root in ${run.node}`, run.line)) out(line);
          }
        }
        return;
      }
      const ctx = cliContext(opts);
      const controller = new AbortController();
      // Every command of a parallel step listens for Ctrl-C on this one signal.
      setMaxListeners(0, controller.signal);
      const release = onInterrupt((signal) => controller.abort(signal));
      const reports: LabTestReport[] = [];
      try {
        for (const t of labs) {
          const engines = t.running ? undefined : await enginesOption(opts.engines);
          reports.push(
            await testLab(t.running ? releaseOption(t.lab, opts.release) : buildOption(releaseOption(t.lab, opts.release), opts.ovn, opts.ovs), t.running, ctx, {
              keep: opts.keep,
              only: opts.only,
              runtime: opts.runtime,
              ...(engines ? { engines } : {}),
              bundleRoot: resolve(opts.bundleDir),
              signal: controller.signal,
            }),
          );
          await ctx.reporter.flush();
        }
      } finally {
        await ctx.reporter.flush();
        release();
      }
      if (opts.junit) await writeReport(opts.junit, (await import('../../report/junit.js')).junitXml(reports));
      if (opts.json) await writeReport(opts.json, jsonReport(reports));
      for (const line of summaryLines(reports)) out(line);
      const t = totals(reports);
      process.exitCode = t.errors ? 2 : t.failed ? 1 : 0;
    });
}
