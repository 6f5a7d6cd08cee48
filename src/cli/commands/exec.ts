import type { Command } from 'commander';
import { attachTo, openLab, requireNode } from '../open-lab.js';

export function registerExec(program: Command): void {
  program
    .command('exec')
    .description('run a command in a node (VM, chassis or central); output and exit code passed through')
    .option('--lab <name>', 'lab name (default: the only lab that is up)')
    .argument('<node>', 'node name')
    .argument('<command...>', 'command and its arguments, after --')
    .action(async (node: string, command: string[], opts: { lab?: string }) => {
      const ctx = await openLab('exec', opts.lab);
      requireNode(ctx, node);
      await attachTo(ctx, node, command);
    });
}
