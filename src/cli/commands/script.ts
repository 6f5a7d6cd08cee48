import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildOption, OVN_OPTION, OVS_OPTION, topologyLoader } from '../context.js';

/** `lab script FILE`: the bash script of a lab (also `lab up --dry-run FILE`). */
export async function printScript(file: string, output?: string, opts: { name?: string; underlay?: string; ovn?: string; ovs?: string } = {}): Promise<void> {
  const { scriptLab } = await import('../../core/script.js');
  const lab = buildOption(await (await topologyLoader()).loadTopology(file, { name: opts.name, underlay: opts.underlay }), opts.ovn, opts.ovs);
  const script = await scriptLab(lab, file);
  if (output) {
    await writeFile(output, script, { mode: 0o755 });
    process.stderr.write(`wrote ${output}: run it as root to build lab ${lab.name}\n`);
  } else for (const piece of script) process.stdout.write(piece);
}

export function registerScript(program: Command): void {
  program
    .command('script')
    .description('print the plain bash script (ip, ovs-vsctl, ovn-nbctl, dhclient…) that builds the lab, without running it')
    .argument('<file>', 'topology YAML file')
    .option('-o, --output <path>', 'write the script to this file (executable)')
    .option('--ovn <dir>', OVN_OPTION)
    .option('--ovs <dir>', OVS_OPTION)
    .action((file: string, opts: { output?: string; ovn?: string; ovs?: string }) => printScript(file, opts.output, opts));
}
