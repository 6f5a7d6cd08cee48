import type { Command } from 'commander';
import { UserError } from '../../base/errors.js';
import { LAB_NAME } from '../../base/lab-name.js';
import { out } from '../context.js';

const count = (flag: string, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UserError(`${flag} takes a whole number from 1 to ${max}, not '${v}'`);
  return n;
};

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('print a big lab (N chassis, M VMs on each) as a topology file, for scale tests')
    .option('--chassis <n>', 'number of chassis', count('--chassis', 4000), 10)
    .option('--vms-per-chassis <m>', 'VMs on each chassis', count('--vms-per-chassis', 50), 2)
    .option('--chassis-per-switch <k>', 'put the VMs of every K chassis on a switch of their own (tenant networks: each chassis then computes flows for its own switch only, so the cost grows linearly); default: one switch for all', count('--chassis-per-switch', 4000))
    .option('--name <name>', 'lab name', 'big')
    .option('--runtime <name>', 'netns or docker', 'netns')
    .action(async (opts: { chassis: number; vmsPerChassis: number; chassisPerSwitch?: number; name: string; runtime: string }) => {
      if (!LAB_NAME.test(opts.name)) throw new UserError(`'${opts.name}' is not a lab name`, 'a lab name starts with a letter and has only letters, digits, "-" and "_"');
      if (opts.runtime !== 'netns' && opts.runtime !== 'docker') throw new UserError(`--runtime '${opts.runtime}' is not netns or docker`);
      const { generateLab } = await import('../../core/generate.js');
      out(generateLab({ name: opts.name, chassis: opts.chassis, vmsPerChassis: opts.vmsPerChassis, ...(opts.chassisPerSwitch ? { chassisPerSwitch: opts.chassisPerSwitch } : {}), runtime: opts.runtime }).trimEnd());
    });
}
