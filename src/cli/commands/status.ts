import type { Command } from 'commander';
import { listLabs } from '../../core/lab-store.js';
import { requireRoot } from '../../base/host.js';
import type { LabStatus, NodeStatus } from '../../core/status.js';
import { cliContext, out, pickLab } from '../context.js';
import { formatOption, textTable, type Format } from '../format.js';
import { originText } from '../../topology/builds.js';

/** What a central or chassis runs: the versions, and where they come from when a build tree is among them. */
function runs(n: NodeStatus): string {
  const o = n.origin;
  if (o && (o.ovn.from === 'build' || o.ovs.from === 'build')) return `; OVN ${originText(o.ovn)}, OVS ${originText(o.ovs)}`;
  return n.versions ? `; OVN ${n.versions.ovn}, OVS ${n.versions.ovs}` : '';
}

function detail(n: NodeStatus): string {
  const daemons = n.daemons.map((d) => `${d.name}${d.running ? '' : ` (${d.state})`}`).join(' ');
  if (n.kind === 'host') return `${n.address ?? 'no address'} on network ${n.network}, ${n.addressing}${daemons ? `; ${daemons}` : ''}`;
  if (n.kind === 'vm') {
    const addr = n.address ?? 'no address';
    return `${addr} on ${n.chassis}, port ${n.port}, ${n.addressing}${daemons ? `; ${daemons}` : ''}`;
  }
  if (n.kind === 'namespace') return `${n.address ?? 'no address'} (links outside OVN)${daemons ? `; ${daemons}` : ''}`;
  const versions = (n.cluster ? `; NB ${n.cluster.nb}, SB ${n.cluster.sb}` : '') + runs(n);
  if (n.kind === 'chassis') return `${{ yes: 'registered', no: 'NOT registered', unknown: 'registration unknown (SB database not answering)' }[n.registered ?? 'unknown']}; ${daemons}${versions}`;
  return `${daemons}${versions}`;
}

function health(s: LabStatus): string {
  return s.problem ? 'INCOMPLETE' : s.state === 'starting' ? 'starting' : s.healthy ? 'healthy' : 'DEGRADED';
}

/** What is wrong beyond the nodes: a full disk, processes of the lab running outside it. */
function notes(s: LabStatus): string {
  const lines = [...(s.warning ? [`warning: ${s.warning}`] : []), ...(s.strays ?? []).map((p) => `stray: pid ${p.pid} runs outside the lab's nodes (its namespace was deleted): ${p.cmdline.slice(0, 120)}`)];
  if (s.strays?.length) lines.push(`'lab down ${s.name}' ends them`);
  return lines.map((l) => `\n${l}`).join('');
}

function table(s: LabStatus): string {
  if (s.problem) return `lab ${s.name}: INCOMPLETE: ${s.problem}`;
  const title = `lab ${s.name}: ${health(s)} (runtime ${s.runtime}, datapath ${s.datapath}, ${s.state === 'starting' ? 'starting since' : 'up since'} ${s.createdAt}, owner ${s.owner ?? 'unknown'}${s.file ? `, from ${s.file}` : ''})`;
  // Across Docker engines, which engine each node is on.
  if (s.nodes.some((n) => n.engine)) {
    return `${title}\n${textTable(
      ['NODE', 'KIND', 'STATE', 'ENGINE', 'DETAIL'],
      s.nodes.map((n) => [n.name, n.kind, n.present ? 'up' : 'missing', n.engine ?? '-', detail(n)]),
    )}${notes(s)}`;
  }
  return `${title}\n${textTable(
    ['NODE', 'KIND', 'STATE', 'DETAIL'],
    s.nodes.map((n) => [n.name, n.kind, n.present ? 'up' : 'missing', detail(n)]),
  )}${notes(s)}`;
}

/** Every lab in one line each: what `lab ls` prints. */
function summary(statuses: LabStatus[]): string {
  const rows = statuses.map((s) => {
    const up = s.nodes.filter((n) => n.present).length;
    return [s.name, s.runtime, health(s), s.owner ?? '-', s.problem ? '-' : `${up}/${s.nodes.length}`, s.createdAt || '-', s.file ?? s.problem ?? ''];
  });
  return textTable(['LAB', 'RUNTIME', 'STATE', 'OWNER', 'NODES UP', 'SINCE', 'FILE'], rows);
}

/** The labs asked for, as JSON (always a list, one shape for status and ls) or as text. */
async function printStatuses(names: string[], format: Format, text: (s: LabStatus[]) => string): Promise<void> {
  const { labStatus } = await import('../../core/status.js');
  const { exec } = cliContext({});
  const statuses = await Promise.all(names.map((n) => labStatus(n, exec)));
  if (format === 'json') out(JSON.stringify(statuses, null, 2));
  else out(statuses.length ? text(statuses) : 'no lab is up');
  if (statuses.some((s) => !s.healthy && s.state !== 'starting')) process.exitCode = 1;
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('nodes, daemons, chassis and VM addresses of running labs')
    .argument('[lab]', 'lab name (default: $LAB, else every lab that is up)')
    .addOption(formatOption())
    .action(async (name: string | undefined, opts: { format: Format }) => {
      requireRoot('status');
      // LAB picks the lab here as it does for every verb that acts on one (export LAB=dmz in a walkthrough).
      await printStatuses(name || process.env.LAB ? [await pickLab(name)] : await listLabs(), opts.format, (s) => s.map(table).join('\n\n'));
    });
  program
    .command('ls')
    .description('every lab on this machine, one line each')
    .addOption(formatOption())
    .action(async (opts: { format: Format }) => {
      requireRoot('ls');
      await printStatuses(await listLabs(), opts.format, summary);
    });
}
