import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabContext } from '../ovn/lab-context.js';
import { centralNames, nodeNames } from '../topology/model.js';
import { daemonLine, ovnDaemonStates } from '../ovn/daemons.js';
import { diagnostics } from '../ovn/queries.js';

/** Lists a node's run directory and prints every log and lease in it, inside the node. */
const DUMP_FILES = 'for f in "$1"/*.log "$1"/*.leases; do [ -f "$f" ] && printf "===== %s\\n" "$f" && cat "$f"; done; true';

/**
 * Saves what is needed to understand a failed lab: NB/SB contents, logical flows, br-int flows
 * and OVS config per chassis, daemon logs, dhclient output and leases. Returns the directory.
 */
export async function saveFailureBundle(ctx: LabContext, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const save = async (file: string, node: string, argv: string[]) => {
    const out = await ctx
      .node(node)
      .run(argv, { nothrow: true, timeoutMs: 20_000 })
      .catch((e: Error) => ({ stdout: '', stderr: e.message }));
    await writeFile(join(dir, file), `${out.stdout}${out.stderr ? `\n# stderr:\n${out.stderr}` : ''}`);
  };
  const jobs = diagnostics(
    ctx.lab.central.name,
    ctx.lab.chassis.map((c) => c.name),
  ).map((d) => save(d.file, d.node, d.argv));
  for (const node of nodeNames(ctx.lab)) {
    jobs.push(save(`${node}-logs.txt`, node, ['sh', '-c', DUMP_FILES, 'dump', ctx.node(node).runDir]));
  }
  for (const vm of ctx.lab.vms) jobs.push(save(`${vm.name}-ip.txt`, vm.name, ['sh', '-c', 'ip addr; ip route']));
  jobs.push(daemonReport(ctx).then((text) => writeFile(join(dir, 'daemons.txt'), text)));
  await Promise.all(jobs);
  return dir;
}

/** Every OVS/OVN daemon's state; for each one that is not running, the end of its log. */
async function daemonReport(ctx: LabContext): Promise<string> {
  const lines: string[] = [];
  let allRunning = true;
  for (const node of [...centralNames(ctx.lab), ...ctx.lab.chassis.map((c) => c.name)]) {
    const shell = ctx.node(node);
    const states = await ovnDaemonStates(shell).catch(() => undefined);
    if (!states) {
      allRunning = false;
      lines.push(`${node}: could not be asked (node missing?)`);
      continue;
    }
    if (states.some((d) => !d.running)) allRunning = false;
    for (const d of states) lines.push(daemonLine(node, d));
    for (const d of states.filter((x) => !x.running)) {
      const log = `${shell.runDir}/${d.name}.log`;
      const tail = await shell.run(['tail', '-n', '30', log], { nothrow: true, timeoutMs: 10_000 }).catch(() => undefined);
      lines.push(`----- last lines of ${node}:${log} -----`, (tail?.stdout ?? '').trimEnd() || '(no log)');
    }
  }
  return `${allRunning ? 'every daemon is running' : 'NOT ALL DAEMONS ARE RUNNING'}\n${lines.join('\n')}\n`;
}
