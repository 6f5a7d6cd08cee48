import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { destroyLab } from '../../core/down.js';
import { UserError } from '../../core/errors.js';
import { requireRoot } from '../../core/preflight.js';
import { cliContext, out } from '../context.js';

/** A lab name, or the name inside a topology file (read leniently: the file may have changed since `up`). */
async function labName(arg: string): Promise<string> {
  if (!/\.ya?ml$/.test(arg) && !existsSync(arg)) return arg;
  const data = parse(await readFile(arg, 'utf8')) as { name?: unknown } | null;
  if (typeof data?.name !== 'string') throw new UserError(`${arg} has no 'name:'`, "run 'lab down NAME' with the lab's name");
  return data.name;
}

export function registerDown(program: Command): void {
  program
    .command('down')
    .description('remove a lab and everything it made (safe to run twice)')
    .argument('<lab>', 'lab name or topology file')
    .option('-v, --verbose', 'print every command run')
    .action(async (arg: string, opts: { verbose?: boolean }) => {
      requireRoot('down');
      const name = await labName(arg);
      const ctx = cliContext(opts);
      const found = await destroyLab(name, ctx);
      out(found ? `lab ${name} is down` : `lab ${name} is not up; nothing to remove`);
    });
}
