import type { Command } from 'commander';
import { UserError } from '../../base/errors.js';
import { shellLine } from '../../base/shell-line.js';
import type { Lab } from '../../topology/model.js';
import { out, topologyLoader } from '../context.js';

/**
 * The commands a file runs as root (its `setup:` and its `exec` checks): a topology file is a
 * program, and nobody should run a downloaded one blind.
 */
function commandsOf(lab: Lab): string[] {
  const line = (c: string | readonly string[]) => (typeof c === 'string' ? c : shellLine(c));
  return [
    ...lab.setup.map((s) => `setup in ${s.node}: ${line(s.command)}`),
    ...lab.checks.filter((c) => c.kind === 'exec').map((c) => `check '${c.name}' in ${String(c.node)}: ${line(c.command as string | string[])}`),
  ];
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check topology files without creating anything, and list the commands they run (exit 0 when all are valid)')
    .argument('<files...>', 'topology YAML files')
    .action(async (files: string[]) => {
      // Every file is checked, and every problem of each is printed, before the exit code says any was bad.
      let invalid = 0;
      for (const file of files) {
        let lab: Lab;
        try {
          lab = await (await topologyLoader()).loadTopology(file);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
          invalid += 1;
          process.stderr.write(`error: ${error.message}\n${error.hint ? `hint: ${error.hint}\n` : ''}`);
          continue;
        }
        const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
        out(`${file}: valid (lab ${lab.name}: ${lab.chassis.length} chassis, ${count(lab.switches.length, 'switch', 'switches')}, ${count(lab.vms.length, 'VM', 'VMs')})`);
        const commands = commandsOf(lab);
        if (commands.length) {
          out(`  it runs ${commands.length} command${commands.length > 1 ? 's' : ''} of its own as root (setup and exec checks), with the host's files:`);
          for (const c of commands) out(`    ${c.replace(/\n/g, '\n      ')}`);
        }
      }
      if (invalid) throw new UserError(`${invalid} of ${files.length} file${files.length > 1 ? 's are' : ' is'} not valid`, 'fix the problems above; each says where (file:line:column)');
    });
}
