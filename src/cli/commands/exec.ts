import type { Command } from 'commander';
import { LAB_OPTION } from '../context.js';
import { attachTo, openLab, requireNode } from '../open-lab.js';

export function registerExec(program: Command): void {
  program
    .command('exec')
    .description('run a command in a node (VM, chassis or central); output and exit code passed through')
    .option('--lab <name>', LAB_OPTION)
    .argument('<node>', 'node name')
    .argument('<command...>', "command and its arguments (options after NODE are the command's, as with docker exec)")
    .passThroughOptions()
    .action(async (node: string, command: string[], opts: { lab?: string }) => {
      const ctx = await openLab('exec', opts.lab);
      requireNode(ctx, node);
      // `lab exec vm1 -- cmd` still works: the -- only separates.
      await attachTo(ctx, node, command[0] === '--' ? command.slice(1) : command);
    });
}
