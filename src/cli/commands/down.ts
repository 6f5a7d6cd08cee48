import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { requireLabName } from '../../base/paths.js';
import { requireRoot } from '../../base/host.js';
import { LeftBehind, UserError } from '../../base/errors.js';
import { cliContext, givenLabName, out, topologyLoader } from '../context.js';

/** A lab name, or the name inside a topology file; checked before any path is built from it. */
async function labName(arg: string): Promise<string> {
  if (/\.ya?ml$/.test(arg) || existsSync(arg)) return requireLabName(await (await topologyLoader()).labNameInFile(arg), `${arg}: name`);
  return requireLabName(arg);
}

/** The lab down removes: named (a name or file, or --lab), else $LAB; never guessed, as it is removed. */
async function downTarget(arg: string | undefined, option: string | undefined): Promise<string> {
  const chosen = givenLabName(arg, option);
  if (!chosen) throw new UserError('which lab?', "name it: 'lab down NAME' (or its file), --lab NAME, or export LAB=NAME");
  return chosen.from === 'LAB' ? requireLabName(chosen.name, 'LAB') : labName(chosen.name);
}

export function registerDown(program: Command): void {
  program
    .command('down')
    .description('remove a lab and everything it made (safe to run twice)')
    .argument('[lab]', 'lab name or topology file (default: $LAB)')
    .option('--lab <name>', 'lab name (instead of the argument)')
    .option('--force', "take down a lab another user made (the owner 'lab ls' shows)")
    .option('--forget-unreachable', 'docker runtime across engines: remove what the engines that answer hold, and forget the lab even though an engine does not answer (for an engine gone for good)')
    .option('-v, --verbose', 'print every command run')
    .action(async (arg: string | undefined, opts: { lab?: string; force?: boolean; verbose?: boolean; forgetUnreachable?: boolean }) => {
      const [{ destroyLab }, { readRecord, releaseLab, requireOwnLab }] = await Promise.all([import('../../core/down.js'), import('../../core/lab-store.js')]);
      const name = await downTarget(arg, opts.lab);
      requireRoot('down');
      const record = await readRecord(name).catch(() => undefined);
      if (record) requireOwnLab(record, 'down', opts.force);
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
