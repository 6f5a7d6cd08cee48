import type { Command } from 'commander';
import { UserError } from '../../base/errors.js';
import type { Lab } from '../../topology/model.js';
import { out, topologyLoader } from '../context.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check topology files without creating anything, and list the commands they run as root and the Docker engines they connect to (exit 0 when all are valid)')
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
        // A topology file is a program: what it runs as root and what it connects to, before anyone runs it.
        const { reachLines } = await import('../../topology/commands.js');
        for (const line of reachLines(lab)) out(`  ${line}`);
      }
      if (invalid) throw new UserError(`${invalid} of ${files.length} file${files.length > 1 ? 's are' : ' is'} not valid`, 'fix the problems above; each says where (file:line:column)');
    });
}
