import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { requireLabName } from '../../base/paths.js';
import { requireRoot } from '../../base/host.js';
import { cliContext, out, topologyLoader } from '../context.js';

/** A lab name, or the name inside a topology file; checked before any path is built from it. */
async function labName(arg: string): Promise<string> {
  if (/\.ya?ml$/.test(arg) || existsSync(arg)) return requireLabName(await (await topologyLoader()).labNameInFile(arg), `${arg}: name`);
  return requireLabName(arg);
}

export function registerDown(program: Command): void {
  program
    .command('down')
    .description('remove a lab and everything it made (safe to run twice)')
    .argument('<lab>', 'lab name or topology file')
    .option('-v, --verbose', 'print every command run')
    .action(async (arg: string, opts: { verbose?: boolean }) => {
      const { destroyLab } = await import('../../core/down.js');
      const name = await labName(arg);
      requireRoot('down');
      const ctx = cliContext(opts);
      const found = await destroyLab(name, ctx);
      out(found ? `lab ${name} is down` : `lab ${name} is not up; nothing to remove`);
    });
}
