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
import { buildOption, cliContext, copyUnderlayMove, ENGINES_OPTION, enginesOption, LAB_OPTION, out, OVN_OPTION, OVS_OPTION, pickLab, releaseOption, topologyLoader, UNDERLAY_OPTION, type CopyFlags } from '../context.js';
import { onInterrupt } from '../interrupt.js';

interface TestFlags {
  name?: string;
  underlay?: string;
  lab?: string;
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
 * path, or the same text under another path or on stdin) is checked in place (on the underlay it
 * came up on) and left up; one up from another file is refused: its checks would test something
 * else. A copy (`--name`) not up yet goes where `lab up` would put it.
 */
async function fileTarget(file: string, flags: CopyFlags): Promise<{ lab: Lab; running: boolean }> {
  const { listLabs } = await import('../../core/lab-store.js');
  const up = await listLabs();
  let record: Awaited<ReturnType<typeof readRecord>> | undefined;
  const lab = await (
    await topologyLoader()
  ).loadTopologyMoved(file, { name: flags.name, underlay: flags.underlay }, async (lab) => {
    record = up.includes(lab.name) ? await readRecord(lab.name).catch(() => undefined) : undefined;
    if (!record) return copyUnderlayMove(lab, flags);
    const subnet = record.lab.underlay.subnet.text;
    return flags.underlay === undefined && sameSource(record.lab, lab) && subnet !== lab.underlay.subnet.text ? subnet : undefined;
  });
  if (!record) return { lab, running: false }; // not up, or half made: up refuses it with its own words
  if (sameSource(record.lab, lab)) return { lab, running: true };
  const from = record.lab.file ?? 'standard input';
  throw new UserError(
    `lab '${lab.name}' is up from another file (${from}, not ${lab.file ?? 'standard input'})`,
    `run 'lab test ${lab.name}' to check it with its own file's checks, 'lab down ${lab.name}' first, or give this one another name with --name`,
  );
}

/** Two labs from the same file: the same path, or the same text. */
function sameSource(a: Lab, b: Lab): boolean {
  return (a.file !== undefined && a.file === b.file) || (a.digest !== undefined && a.digest === b.digest);
}

/** Each argument as a lab: a file is loaded (and brought up unless it is up from that file), a name is a lab already up. */
async function targets(args: string[], flags: CopyFlags & { lab?: string }): Promise<{ lab: Lab; running: boolean }[]> {
  if (flags.lab !== undefined && args.length) throw new UserError(`--lab names the lab to check; got labs as arguments too (${args.join(' ')})`, `give either --lab ${flags.lab} or the arguments`);
  const { name } = flags;
  if ((name !== undefined || flags.underlay !== undefined) && (args.length !== 1 || !isFile(args[0]!))) {
    throw new UserError('--name and --underlay are for the lab of one topology file', `give one file with them (got ${args.length === 1 ? 'a lab name' : `${args.length} arguments`})`);
  }
  const out: { lab: Lab; running: boolean }[] = [];
  // No argument: the lab that is up, chosen as every command chooses it ($LAB, else the only one).
  for (const arg of args.length ? args : [await pickLab(undefined, flags.lab)]) {
    if (isFile(arg)) out.push(await fileTarget(arg, flags));
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
    .option('--underlay <subnet>', UNDERLAY_OPTION)
    .option('--lab <name>', `the lab that is up to check, instead of arguments: ${LAB_OPTION}`)
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
      const labs = await targets(args, opts);
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
