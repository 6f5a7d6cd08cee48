import type { Command } from 'commander';
import { listLabs } from '../../core/lab-store.js';
import { requireRoot } from '../../core/preflight.js';
import type { LabStatus, NodeStatus } from '../../core/status.js';
import { cliContext, out, pickLab } from '../context.js';

function detail(n: NodeStatus): string {
  const daemons = n.daemons.map((d) => `${d.name}${d.running ? '' : ` (${d.state})`}`).join(' ');
  if (n.kind === 'host') return `${n.address ?? 'no address'} on network ${n.network}, ${n.addressing}${daemons ? `; ${daemons}` : ''}`;
  if (n.kind === 'vm') {
    const addr = n.address ?? 'no address';
    return `${addr} on ${n.chassis}, port ${n.port}, ${n.addressing}${daemons ? `; ${daemons}` : ''}`;
  }
  if (n.kind === 'chassis') return `${{ yes: 'registered', no: 'NOT registered', unknown: 'registration unknown (SB database not answering)' }[n.registered ?? 'unknown']}; ${daemons}`;
  return daemons;
}

function table(s: LabStatus): string {
  const rows = s.nodes.map((n) => [n.name, n.kind, n.present ? 'up' : 'missing', detail(n)]);
  const head = ['NODE', 'KIND', 'STATE', 'DETAIL'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  ');
  const title = `lab ${s.name}: ${s.healthy ? 'healthy' : 'DEGRADED'} (runtime ${s.runtime}, datapath ${s.datapath}, up since ${s.createdAt}${s.file ? `, from ${s.file}` : ''})`;
  return [title, line(head), ...rows.map(line)].join('\n');
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('nodes, daemons, chassis and VM addresses of running labs')
    .argument('[lab]', 'lab name (default: every lab that is up)')
    .option('--json', 'print JSON')
    .action(async (name: string | undefined, opts: { json?: boolean }) => {
      const { labStatus } = await import('../../core/status.js');
      requireRoot('status');
      const names = name ? [await pickLab(name)] : await listLabs();
      const { exec } = cliContext({});
      const statuses = await Promise.all(names.map((n) => labStatus(n, exec)));
      if (opts.json) out(JSON.stringify(name ? statuses[0] : statuses, null, 2));
      else out(statuses.length ? statuses.map(table).join('\n\n') : 'no lab is up');
      if (statuses.some((s) => !s.healthy)) process.exitCode = 1;
    });
}
