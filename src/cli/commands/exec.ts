import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { LabContext } from '../../core/lab-context.js';
import { readRecord } from '../../core/lab-store.js';
import { requireRoot } from '../../core/preflight.js';
import { createRuntime } from '../../runtime/registry.js';
import { cliContext, pickLab } from '../context.js';

export function registerExec(program: Command): void {
  program
    .command('exec')
    .description('run a command in a node (VM, chassis or central); output and exit code passed through')
    .option('--lab <name>', 'lab name (default: the only lab that is up)')
    .argument('<node>', 'node name')
    .argument('<command...>', 'command and its arguments, after --')
    .action(async (node: string, command: string[], opts: { lab?: string }) => {
      requireRoot('exec');
      const name = await pickLab(opts.lab);
      const record = await readRecord(name);
      const { exec } = cliContext({});
      const ctx = new LabContext(record.lab, createRuntime(record.runtime, name, exec, record.lab), exec);
      let env: Record<string, string>;
      try {
        env = ctx.node(node).env;
      } catch {
        const nodes = [record.lab.central.name, ...record.lab.chassis.map((c) => c.name), ...record.lab.vms.map((v) => v.name)];
        throw new UserError(`lab '${name}' has no node '${node}'`, `nodes: ${nodes.join(', ')}`);
      }
      process.exitCode = await ctx.runtime.attach(node, command, env);
    });
}
