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
import { UserError } from '../../base/errors.js';
import { buildOption, cliContext, ENGINES_OPTION, enginesOption, out, OVN_OPTION, OVS_OPTION, pickLab, releaseOption, topologyLoader } from '../context.js';
import { onInterrupt } from '../interrupt.js';

interface TestFlags {
  name?: string;
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

const isFile = (arg: string) => arg === '-' || /\.ya?ml$/.test(arg) || existsSync(arg);

/**
 * A file's lab, and whether it is up already. A lab of that name up from the same file (the same
 * path, or the same text under another path or on stdin) is checked in place and left up; one up
 * from another file is refused: its checks would test something else.
 */
async function fileTarget(file: string, name: string | undefined): Promise<{ lab: Lab; running: boolean }> {
  const lab = await (await topologyLoader()).loadTopology(file, { name });
  const { listLabs } = await import('../../core/lab-store.js');
  if (!(await listLabs()).includes(lab.name)) return { lab, running: false };
  const record = await readRecord(lab.name).catch(() => undefined);
  if (!record) return { lab, running: false }; // a half-made lab: up refuses it with its own words
  const same = (record.lab.file !== undefined && record.lab.file === lab.file) || (record.lab.digest !== undefined && record.lab.digest === lab.digest);
  if (same) return { lab, running: true };
  const from = record.lab.file ?? 'standard input';
  throw new UserError(
    `lab '${lab.name}' is up from another file (${from}, not ${lab.file ?? 'standard input'})`,
    `run 'lab test ${lab.name}' to check it with its own file's checks, 'lab down ${lab.name}' first, or give this one another name with --name`,
  );
}

/** Each argument as a lab: a file is loaded (and brought up unless it is up from that file), a name is a lab already up. */
async function targets(args: string[], name: string | undefined): Promise<{ lab: Lab; running: boolean }[]> {
  if (name !== undefined && (args.length !== 1 || !isFile(args[0]!))) {
    throw new UserError('--name names the lab of one topology file', `give one file with --name (got ${args.length === 1 ? 'a lab name' : `${args.length} arguments`})`);
  }
  const out: { lab: Lab; running: boolean }[] = [];
  // No argument: the lab that is up, chosen as every command chooses it ($LAB, else the only one).
  for (const arg of args.length ? args : [await pickLab(undefined)]) {
    if (isFile(arg)) out.push(await fileTarget(arg, name));
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
    .description('bring labs up, run their checks, take them down (a lab NAME that is up, or up from the same FILE, is only checked and left up)')
    .argument('[labs...]', "topology files ('-': one from standard input), or names of labs that are up (default: $LAB, else the only lab that is up)")
    .option('--name <name>', "the lab's name instead of the file's name: (one file only)")
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
      const labs = await targets(args, opts.name);
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
