import type { Command } from 'commander';
import { currentOwner, listLabs, readRecord } from '../../core/lab-store.js';
import { requireRoot } from '../../base/host.js';
import type { LabStatus, NodeStatus, StatusOptions } from '../../core/status.js';
import { labHealth } from '../../core/health.js';
import { cliContext, givenLabName, out, pickLab } from '../context.js';
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

/** The lab's health, in capitals where something is wrong. */
function health(s: LabStatus): string {
  const h = labHealth(s);
  return h === 'healthy' || h === 'starting' ? h : h.toUpperCase();
}

/** What is wrong beyond the nodes: a full disk, processes of the lab running outside it. */
function notes(s: LabStatus): string {
  const lines = [...(s.warning ? [`warning: ${s.warning}`] : []), ...(s.strays ?? []).map((p) => `stray: pid ${p.pid} runs outside the lab's nodes (its namespace was deleted): ${p.cmdline.slice(0, 120)}`)];
  if (s.strays?.length) lines.push(`'lab down ${s.name}' ends them`);
  return lines.map((l) => `\n${l}`).join('');
}

function table(s: LabStatus): string {
  if (s.problem) return `lab ${s.name}: ${health(s)}: ${s.problem}`;
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

/** A lab's exercise score as `lab ls --all` shows it: passed/total, or - without exercises. */
type Scored = LabStatus & { score?: { passed: number; total: number } };

/** Every lab in one line each: what `lab ls` prints (with --all, the exercise score too). */
function summary(statuses: Scored[], withScore = false): string {
  const rows = statuses.map((s) => {
    const up = s.nodes.filter((n) => n.present).length;
    const score = withScore ? [s.score ? `${s.score.passed}/${s.score.total}` : '-'] : [];
    return [s.name, s.runtime, health(s), s.owner ?? '-', ...score, s.problem ? '-' : `${up}/${s.nodes.length}`, s.createdAt || '-', s.file ?? s.problem ?? ''];
  });
  return textTable(['LAB', 'RUNTIME', 'STATE', 'OWNER', ...(withScore ? ['SCORE'] : []), 'NODES UP', 'SINCE', 'FILE'], rows);
}

/** The labs asked for, as JSON (always a list, one shape for status and ls) or as text; with scores, each lab's exercise score. */
async function printStatuses(names: string[], format: Format, text: (s: Scored[]) => string, scores = false, opts: StatusOptions = {}): Promise<void> {
  const [{ labStatus }, { exerciseScore }] = await Promise.all([import('../../core/status.js'), import('../../core/exercise-state.js')]);
  const { exec } = cliContext({});
  const statuses: Scored[] = await Promise.all(
    names.map(async (n) => {
      const status = await labStatus(n, exec, opts);
      const score = scores && !status.problem ? await exerciseScore(n).catch(() => undefined) : undefined;
      return score ? { ...status, score: { passed: score.passed, total: score.total } } : status;
    }),
  );
  if (format === 'json') out(JSON.stringify(statuses, null, 2));
  else out(statuses.length ? text(statuses) : 'no lab is up');
  if (statuses.some((s) => !s.healthy && s.state !== 'starting')) process.exitCode = 1;
}

/** The labs `lab ls` lists: every one with --all; else the caller's (and those of no known owner), saying how many it leaves out. */
async function labsToList(all: boolean | undefined): Promise<string[]> {
  const names = await listLabs();
  if (all) return names;
  const me = currentOwner().user;
  const owners = await Promise.all(
    names.map((n) =>
      readRecord(n).then(
        (r) => r.owner.user,
        () => 'unknown',
      ),
    ),
  );
  const mine = names.filter((_, i) => owners[i] === me || owners[i] === 'unknown');
  if (mine.length < names.length) process.stderr.write(`${names.length - mine.length} more lab(s) of other users: lab ls --all\n`);
  return mine;
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('nodes, daemons, chassis and VM addresses of running labs')
    .argument('[lab]', 'lab name (default: $LAB, else every lab that is up)')
    .option('--lab <name>', 'lab name (instead of the argument)')
    .addOption(formatOption())
    .action(async (name: string | undefined, opts: { lab?: string; format: Format }) => {
      requireRoot('status');
      // LAB picks the lab here as it does for every verb that acts on one (export LAB=dmz in a walkthrough).
      await printStatuses(givenLabName(name, opts.lab) ? [await pickLab(name, opts.lab)] : await listLabs(), opts.format, (s) => s.map(table).join('\n\n'));
    });
  program
    .command('ls')
    .description("your labs on this machine, one line each (--all: every user's, with exercise scores)")
    .option('--all', "every user's labs, with each one's exercise score (the instructor's view)")
    .addOption(formatOption())
    .action(async (opts: { all?: boolean; format: Format }) => {
      requireRoot('ls');
      // One line a lab, without the versions its nodes run: on a lab of 500 chassis, asking each for them is a thousand programs.
      await printStatuses(await labsToList(opts.all), opts.format, (s) => summary(s, opts.all), opts.all, { withoutVersions: true });
    });
}
