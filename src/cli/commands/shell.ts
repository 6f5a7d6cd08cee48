import type { Command } from 'commander';
import { LAB_OPTION } from '../context.js';
import { attachTo, openLab, requireNode } from '../open-lab.js';

export function registerShell(program: Command): void {
  program
    .command('shell')
    .description('an interactive shell in a node; ovs-vsctl, ovs-ofctl, ovn-nbctl… work as typed')
    .option('--lab <name>', LAB_OPTION)
    .argument('<node>', 'node name')
    .action(async (node: string, opts: { lab?: string }) => {
      const ctx = await openLab('shell', opts.lab);
      requireNode(ctx, node);
      const prompt = `[lab ${ctx.lab.name}:${node}] \\w\\$ `;
      await attachTo(ctx, node, ['bash', '--norc', '--noprofile', '-i'], { PS1: prompt, LAB: ctx.lab.name, LAB_NODE: node });
    });
}
