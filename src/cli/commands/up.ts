import { setMaxListeners } from 'node:events';
import type { Command } from 'commander';
import { InterruptedError } from '../../base/errors.js';
import { seconds } from '../../base/text.js';
import { buildOption, cliContext, ENGINES_OPTION, enginesOption, loadLabFile, out, OVN_OPTION, OVS_OPTION, releaseOption, UNDERLAY_OPTION } from '../context.js';
import { onInterrupt } from '../interrupt.js';
import { printScript } from './script.js';

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('bring a lab up from its topology file')
    .argument('<file>', "topology YAML file ('-': read it from standard input)")
    .option('--name <name>', "the lab's name instead of the file's name: (one file run several times side by side)")
    .option('--underlay <subnet>', UNDERLAY_OPTION)
    .option('--runtime <name>', "netns or docker (default: the file's runtime)")
    .option('--release <name>', 'docker runtime: every node on this Debian release (bookworm, trixie, sid), whatever the file says')
    .option('--ovn <dir>', OVN_OPTION)
    .option('--ovs <dir>', OVS_OPTION)
    .option('--engines <list>', ENGINES_OPTION)
    .option('--keep-on-failure', 'leave what was made when a step fails, for debugging')
    .option('-v, --verbose', 'print every command run')
    .option('--dry-run', 'print the plan as a bash script of the commands, and run nothing (same as lab script)')
    .action(async (file: string, opts: { name?: string; underlay?: string; runtime?: string; release?: string; ovn?: string; ovs?: string; engines?: string; keepOnFailure?: boolean; verbose?: boolean; dryRun?: boolean }) => {
      const [{ destroyLab }, { upLab }] = await Promise.all([import('../../core/down.js'), import('../../core/up.js')]);
      if (opts.dryRun) return printScript(file, undefined, opts);
      const lab = buildOption(releaseOption(await loadLabFile(file, opts), opts.release), opts.ovn, opts.ovs);
      const ctx = cliContext(opts);
      const controller = new AbortController();
      // Every command of a parallel step listens for Ctrl-C on this one signal.
      setMaxListeners(0, controller.signal);
      // Once the lab is up, a late SIGTERM (from a `lab down` that saw it still coming up) has nothing
      // to stop: it is said and this process ends as it would, rather than killed half way.
      let made = false;
      const release = onInterrupt((signal) => (made ? `${signal}: lab ${lab.name} is up already, nothing to stop ('lab down ${lab.name}' removes it)` : controller.abort(signal)));
      try {
        const engines = await enginesOption(opts.engines);
        const result = await upLab(lab, ctx, { runtime: opts.runtime, ...(engines ? { engines } : {}), ...(opts.keepOnFailure ? { onFailure: 'keep' as const } : {}), signal: controller.signal });
        if (controller.signal.aborted) {
          // Ctrl-C after the last step: the handler promised a teardown.
          await destroyLab(lab.name, ctx);
          throw new InterruptedError(String(controller.signal.reason ?? 'SIGINT'));
        }
        made = true;
        await ctx.reporter.flush();
        out(`lab ${lab.name} is up (${seconds(result.durationMs)})`);
        for (const a of result.addresses) out(`  ${a.node.padEnd(12)} ${a.address}`);
        // --lab in the hint: it must work as printed when other labs are up too.
        out(`next: 'lab status ${lab.name}', 'lab exec --lab ${lab.name} ${lab.vms[0]?.name ?? lab.chassis[0]?.name} ip addr', 'lab down ${lab.name}'`);
      } finally {
        await ctx.reporter.flush();
        if (!made) release();
      }
    });
}
