import type { Command } from 'commander';
import { LAB_OPTION } from '../context.js';
import { formatOption, type Format } from '../format.js';
import { UserError } from '../../base/errors.js';
import type { AnnotatedFlow } from '../../core/flows.js';
import { clip } from '../../base/text.js';
import { out } from '../context.js';
import { openLab, requireNode } from '../open-lab.js';

function describe(f: AnnotatedFlow): string {
  const count = f.delta !== undefined ? `+${f.delta}` : `${f.packets}`;
  const head = `table=${String(f.table).padEnd(3)} ${count.padStart(6)} pkts  ${f.lflow ? `${f.lflow.stage} (${f.lflow.datapath} ${f.lflow.pipeline} ${f.lflow.table})` : '(not from a logical flow)'}`;
  const lines = [head];
  if (f.lflow) lines.push(`    logical: match=(${clip(f.lflow.match, 140)}) action=(${clip(f.lflow.actions, 140)})`);
  lines.push(`    openflow: priority=${f.priority}${f.match ? `,${f.match}` : ''} actions=${clip(f.actions, 160)}`);
  return lines.join('\n');
}

export function registerFlows(program: Command): void {
  program
    .command('flows')
    .description("br-int's OpenFlow flows on a chassis, each with the logical stage and flow it came from")
    .option('--lab <name>', LAB_OPTION)
    .option('--stage <name>', 'only flows of this logical stage (e.g. ls_in_dhcp_options)')
    .option('--during <node>', 'run the command after -- in this node and show only the flows it hit')
    .addOption(formatOption())
    .argument('<chassis>', 'chassis name')
    .argument('[command...]', 'with --during: the command, after --')
    .action(async (chassis: string, command: string[], opts: { lab?: string; stage?: string; during?: string; format: Format }) => {
      const { annotatedFlows, flowsDuring } = await import('../../core/flows.js');
      const ctx = await openLab('flows', opts.lab);
      requireNode(ctx, chassis, ['chassis']);
      let flows: AnnotatedFlow[];
      if (opts.during) {
        requireNode(ctx, opts.during);
        if (!command.length) throw new UserError('--during needs a command after --', `e.g. lab flows ${chassis} --during vm1 -- dhclient -1 -v eth0`);
        const r = await flowsDuring(ctx, chassis, opts.during, command);
        process.stderr.write(`${r.result.stdout}${r.result.stderr}`);
        flows = r.flows.filter((f) => !opts.stage || f.lflow?.stage === opts.stage);
        if (opts.format !== 'json') out(`${flows.length} flows on ${chassis} counted packets while '${command.join(' ')}' ran in ${opts.during} (exit ${r.result.exitCode}):`);
        if (r.result.exitCode !== 0) process.exitCode = 1;
      } else {
        if (command.length) throw new UserError(`a command after -- needs --during NODE`, `e.g. lab flows ${chassis} --during vm1 -- ${command.join(' ')}`);
        flows = await annotatedFlows(ctx, chassis, opts.stage);
      }
      if (opts.format === 'json') out(JSON.stringify(flows, null, 2));
      else for (const f of flows) out(describe(f));
    });
}
