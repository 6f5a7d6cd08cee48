import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { requireLabName } from '../../base/paths.js';
import { requireRoot } from '../../base/host.js';
import { LeftBehind } from '../../base/errors.js';
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
    .option('--forget-unreachable', 'docker runtime across engines: remove what the engines that answer hold, and forget the lab even though an engine does not answer (for an engine gone for good)')
    .option('-v, --verbose', 'print every command run')
    .action(async (arg: string, opts: { verbose?: boolean; forgetUnreachable?: boolean }) => {
      const [{ destroyLab }, { releaseLab }] = await Promise.all([import('../../core/down.js'), import('../../core/lab-store.js')]);
      const name = await labName(arg);
      requireRoot('down');
      const ctx = cliContext(opts);
      let found: boolean;
      try {
        found = await destroyLab(name, ctx);
      } catch (error) {
        if (!(opts.forgetUnreachable && error instanceof LeftBehind)) throw error;
        await releaseLab(name);
        process.stderr.write(`warning: ${error.message}; lab ${name} is forgotten, so remove those by hand if the engine comes back\n`);
        found = true;
      }
      out(found ? `lab ${name} is down` : `lab ${name} is not up; nothing to remove`);
    });
}
