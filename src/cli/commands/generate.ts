import type { Command } from 'commander';
import { UserError } from '../../base/errors.js';
import { labNameProblem } from '../../base/lab-name.js';
import { out } from '../context.js';
import { DEFAULT_RUNTIME, RUNTIMES } from '../../topology/model.js';

/** A count as decimal digits only: Number() would also take 0x10, 1e3, ' 5' and '' (as 0). */
export const count =
  (flag: string, max: number) =>
  (v: string): number => {
    const n = /^[1-9][0-9]*$/.test(v) ? Number(v) : NaN;
    if (!(n <= max)) throw new UserError(`${flag} takes a whole number from 1 to ${max} in decimal digits, not '${v}'`, `e.g. ${flag} 10`);
    return n;
  };

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('print a big lab (N chassis, M VMs on each) as a topology file, for scale tests')
    .option('--chassis <n>', 'number of chassis', count('--chassis', 4000), 10)
    .option('--vms-per-chassis <m>', 'VMs on each chassis', count('--vms-per-chassis', 50), 2)
    .option(
      '--chassis-per-switch <k>',
      'put the VMs of every K chassis on a switch of their own (tenant networks: each chassis then computes flows for its own switch only, so the cost grows linearly); default: one switch for all',
      count('--chassis-per-switch', 4000),
    )
    .option('--name <name>', 'lab name', 'big')
    .option('--runtime <name>', RUNTIMES.join(' or '), DEFAULT_RUNTIME)
    .action(async (opts: { chassis: number; vmsPerChassis: number; chassisPerSwitch?: number; name: string; runtime: string }) => {
      const nameProblem = labNameProblem(opts.name);
      if (nameProblem) throw new UserError(`--name '${opts.name}' is not a lab name`, nameProblem);
      const runtime = RUNTIMES.find((r) => r === opts.runtime);
      if (!runtime) throw new UserError(`--runtime '${opts.runtime}' is not ${RUNTIMES.join(' or ')}`);
      const { generateValidLab } = await import('../../core/generate.js');
      out(generateValidLab({ name: opts.name, chassis: opts.chassis, vmsPerChassis: opts.vmsPerChassis, ...(opts.chassisPerSwitch ? { chassisPerSwitch: opts.chassisPerSwitch } : {}), runtime }).trimEnd());
    });
}
