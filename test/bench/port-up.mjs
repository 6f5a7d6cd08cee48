// Port-up latency as OVN's own scale tests (ovn-heater) report it: ports added in batches to a
// running lab of N chassis, each timed from its NB write to the moment its chassis' ovn-controller
// marks its OVS interface `ovn-installed` (ovn-controller writes that moment itself, in ms of the
// wall clock, as external_ids:ovn-installed-ts, so polling adds nothing to the figure).
//
// Workload per N: `lab generate --chassis N --vms-per-chassis 2 --chassis-per-switch 10` (tenant
// switches of 10 chassis, netns: the scale run's lab, measured before it goes down), then `batches` batches of `batch` ports each: one ovn-nbctl
// transaction adds the batch's logical switch ports (spread round-robin over the chassis, each on
// its chassis' tenant switch), then each chassis binds its ports (an internal OVS port with
// iface-id), as a CMS and a hypervisor would. Printed: min, median, p95, max latency and ports never
// installed, and the CPU northd and the SB ovsdb-server used over the batches.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const run = promisify(execFile);

/** A command in a node of a netns lab, as `lab script`'s in_node runs it. */
function inNode(lab, node, argv) {
  const dir = `/run/lab/${lab}/nodes/${node}`;
  const env = { ...process.env, OVS_RUNDIR: dir, OVN_RUNDIR: dir, OVN_NB_DB: `unix:${dir}/ovnnb_db.sock` };
  return run('ip', ['netns', 'exec', `lab.${lab}.${node}`, ...argv], { env, maxBuffer: 1 << 24 });
}

/** CPU seconds (user + system) a process used so far, by its pid file. */
function cpuOf(pidFile) {
  try {
    const pid = readFileSync(pidFile, 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Min, median, p95, max of latencies in ms (sorted ascending), as a table row's cells. */
function latencyRow(latencies) {
  const s = [...latencies].sort((a, b) => a - b);
  if (!s.length) return { 'min ms': NaN, 'median ms': NaN, 'p95 ms': NaN, 'max ms': NaN };
  return { 'min ms': s[0], 'median ms': quantile(s, 0.5), 'p95 ms': quantile(s, 0.95), 'max ms': s.at(-1) };
}

/** One batch: its NB transaction, then every chassis binding its ports; latencies by port. */
async function batch(lab, ports) {
  const nb = ports.flatMap((p) => ['--', 'lsp-add', p.switch, p.name, '--', 'lsp-set-addresses', p.name, p.mac]);
  const t0 = Date.now();
  await inNode(lab, 'central', ['ovn-nbctl', '--timeout=120', ...nb]);
  const byChassis = new Map();
  for (const p of ports) byChassis.set(p.chassis, [...(byChassis.get(p.chassis) ?? []), p]);
  const results = await Promise.all(
    [...byChassis].map(async ([chassis, mine]) => {
      const add = mine.flatMap((p) => ['--', 'add-port', 'br-int', p.name, '--', 'set', 'Interface', p.name, 'type=internal', `external_ids:iface-id=${p.name}`]);
      await inNode(lab, chassis, ['ovs-vsctl', '--timeout=60', ...add]);
      const wait = mine.flatMap((p) => ['--', 'wait-until', 'Interface', p.name, 'external_ids:ovn-installed=true']);
      await inNode(lab, chassis, ['ovs-vsctl', '--timeout=120', ...wait]).catch(() => undefined);
      const got = await inNode(lab, chassis, ['ovs-vsctl', '--columns=name,external_ids', '--format=json', 'list', 'Interface', ...mine.map((p) => p.name)]);
      const rows = JSON.parse(got.stdout).data;
      return rows.map(([name, ids]) => {
        const ts = Object.fromEntries(ids[1])['ovn-installed-ts'];
        return { name, ms: ts === undefined ? undefined : Number(ts) - t0 };
      });
    }),
  );
  return results.flat();
}

/**
 * Port-up latency at N chassis: the lab up, `batches` × `batch` ports, the lab down. `lab` runs
 * the CLI; `ovn` (a build tree) runs the same on that OVN instead of Debian's.
 */
export async function portUp(lab, n, { batches = 5, batchSize = 25, ovn } = {}) {
  const name = `bench-pu${n}${ovn ? 'b' : ''}`;
  let text = lab('generate', '--chassis', String(n), '--vms-per-chassis', '2', '--chassis-per-switch', '10', '--name', name);
  if (ovn) text += `ovn: ${ovn}\n`;
  const file = join(mkdtempSync(join(tmpdir(), 'lab-bench-')), `${name}.yaml`);
  writeFileSync(file, text);
  lab('up', file);
  try {
    return await portUpBatches(lab, name, text, { batches, batchSize });
  } finally {
    lab('down', name);
  }
}

/** The port-up batches on a lab that is up (`text`: its file, as `lab generate` wrote it). */
export async function portUpBatches(lab, name, text, { batches = 5, batchSize = 25 } = {}) {
  const topo = parse(text);
  const switchOf = Object.fromEntries(Object.values(topo.vms).map((v) => [v.chassis, v.switch]));
  const chassis = Object.keys(topo.chassis);
  const central = `/run/lab/${name}/nodes/central`;
  const cpu0 = { northd: cpuOf(`${central}/ovn-northd.pid`), sb: cpuOf(`${central}/ovnsb_db.pid`) };
  const latencies = [];
  let never = 0;
  for (let b = 0; b < batches; b++) {
    const ports = Array.from({ length: batchSize }, (_, i) => {
      const k = b * batchSize + i;
      const on = chassis[k % chassis.length];
      const mac = `0a:58:00:${((k >> 16) & 255).toString(16).padStart(2, '0')}:${((k >> 8) & 255).toString(16).padStart(2, '0')}:${(k & 255).toString(16).padStart(2, '0')}`;
      return { name: `pu${k}`, chassis: on, switch: switchOf[on], mac };
    });
    for (const r of await batch(name, ports)) {
      if (r.ms === undefined) never++;
      else latencies.push(r.ms);
    }
  }
  const cpu = { northd: cpuOf(`${central}/ovn-northd.pid`) - cpu0.northd, sb: cpuOf(`${central}/ovnsb_db.pid`) - cpu0.sb };
  const versions = lab('version').split('\n');
  const at = versions.findIndex((l) => l.startsWith(`lab ${name} `));
  const centralOvn = /OVN (\S+) \(([^)]*)\)/.exec(versions[at + 1] ?? '');
  return {
    chassis: chassis.length,
    OVN: centralOvn ? `${centralOvn[1]} (${centralOvn[2].replace(/build tree .*commit /, 'build ')})` : '?',
    ports: batches * batchSize,
    ...latencyRow(latencies),
    'never installed': never,
    'northd CPU s': Number(cpu.northd.toFixed(2)),
    'SB CPU s': Number(cpu.sb.toFixed(2)),
  };
}
