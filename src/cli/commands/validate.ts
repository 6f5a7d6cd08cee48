import type { Command } from 'commander';
import { loadTopology } from '../../topology/load.js';
import { out } from '../context.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check topology files without creating anything (exit 0 when all are valid)')
    .argument('<files...>', 'topology YAML files')
    .action(async (files: string[]) => {
      for (const file of files) {
        const lab = await loadTopology(file);
        out(`${file}: valid (lab ${lab.name}: ${lab.chassis.length} chassis, ${lab.switches.length} switches, ${lab.vms.length} VMs)`);
      }
    });
}
