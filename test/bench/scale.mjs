// Scale figures of a netns lab of N chassis × 2 VMs from `lab generate`: tenant layout (switches
// of 10 chassis, each chassis in its switch's transport zone) or flat (one switch over every
// chassis). Per run: `lab up`'s wall time (every lease given), `down`, and from /proc the CPU and
// memory of the lab's daemons, by daemon (the chassis' ovsdb-server, ovs-vswitchd, ovn-controller;
// central's NB and SB ovsdb-server and northd), the SB database's size on disk, and the tunnel
// ports of one chassis; lab's own CPU over the up (Node and the programs it ran) and what the
// kernel's slab grew by (namespaces, links, mount tables: memory no PSS counts); and what the
// daemons cost idle over 10 s after up, with the estimate of what the chassis spent so while the
// others came up (the idle rate times each chassis' age at the end of up).
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Which daemon a process of the lab is: its program, and for ovsdb-server which database. */
function daemonOf(cmd) {
  const program = cmd[0].split('/').pop();
  if (program !== 'ovsdb-server') return program;
  if (cmd.some((a) => a.includes('ovnnb_db'))) return 'NB ovsdb-server';
  if (cmd.some((a) => a.includes('ovnsb_db'))) return 'SB ovsdb-server';
  return 'ovsdb-server';
}

/**
 * Per daemon of a netns lab: CPU s (user + system), RSS and PSS in MiB, and on how many nodes it
 * runs; `ages` gets how long each chassis' ovn-controller has run, in seconds.
 */
function labDaemons(name, ages = []) {
  const by = {};
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const node = new RegExp(`/run/lab/${name}/nodes/([^/]+)/`).exec(cmd.join(' '))?.[1];
      if (!node) continue;
      const daemon = daemonOf(cmd);
      if (!/ovsdb-server|ovs-vswitchd|ovn-controller|ovn-northd/.test(daemon)) continue;
      const roll = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const d = (by[daemon] ??= { cpu: 0, rss: 0, pss: 0, nodes: new Set() });
      d.cpu += (Number(f[11]) + Number(f[12])) / 100;
      d.rss += Number(/^Rss:\s+(\d+)/m.exec(roll)[1]) / 1024;
      d.pss += Number(/^Pss:\s+(\d+)/m.exec(roll)[1]) / 1024;
      d.nodes.add(node);
      if (daemon === 'ovn-controller') ages.push(uptime - Number(f[19]) / 100);
    } catch {
      /* ended meanwhile */
    }
  }
  return by;
}

/** CPU seconds of this process' ended children (a `lab up` and every program it waited for), user and system. */
function childrenCpu() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(f[13]) / 100, system: Number(f[14]) / 100 };
}

/** The kernel's slab memory in MiB: a lab's namespaces, links and mount tables are there, outside any PSS. */
function slabMiB() {
  return Number(/^Slab:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))[1]) / 1024;
}

const CHASSIS_DAEMONS = ['ovsdb-server', 'ovs-vswitchd', 'ovn-controller'];
/** How long the lab is left alone after up to measure what its daemons cost idle. */
const IDLE_S = 10;
const round = (x, d = 1) => Number(x.toFixed(d));

/**
 * One lab of N chassis brought up and down, and its figures; `during(name, text)`, when given,
 * runs on the lab once measured, before it goes down (the port-up batches), and its result is
 * returned as `during`.
 */
export async function scaleRun(lab, n, { flat = false, during } = {}) {
  const name = `bench-${flat ? 'f' : 's'}${n}`;
  const file = join(mkdtempSync(join(tmpdir(), 'lab-bench-')), `${name}.yaml`);
  const text = lab('generate', '--chassis', String(n), '--vms-per-chassis', '2', ...(flat ? [] : ['--chassis-per-switch', '10']), '--name', name);
  writeFileSync(file, text);
  const [cpu0, slab0] = [childrenCpu(), slabMiB()];
  const t = performance.now();
  lab('up', file);
  const up = (performance.now() - t) / 1000;
  const [cpu1, slab1] = [childrenCpu(), slabMiB()];
  const ages = [];
  const daemons = labDaemons(name, ages);
  // What the daemons cost doing nothing, once up: timers, probes, revalidator rounds. A chassis
  // that started early in the up spent this the whole time the others took to come up.
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  const idle = labDaemons(name);
  const cpuOf = (by, ds = Object.keys(by)) => ds.reduce((sum, d) => sum + (by[d]?.cpu ?? 0), 0);
  const idlePerChassis = (cpuOf(idle, CHASSIS_DAEMONS) - cpuOf(daemons, CHASSIS_DAEMONS)) / IDLE_S / n;
  const central = `/run/lab/${name}/nodes/central`;
  const sh = (script) => execFileSync('bash', ['-c', script]).toString().trim();
  // The SB's size as its rows take it: the file compacted first (it is a log of transactions).
  sh(`ip netns exec lab.${name}.central ovs-appctl -t ${central}/ovnsb_db.ctl ovsdb-server/compact`);
  const sb = statSync(`${central}/ovnsb_db.db`).size / 2 ** 20;
  const lflows = sh(`OVN_SB_DB=unix:${central}/ovnsb_db.sock ip netns exec lab.${name}.central ovn-sbctl --bare --columns=_uuid list Logical_Flow | grep -c . || true`);
  const tunnels = sh(`OVS_RUNDIR=/run/lab/${name}/nodes/hv1 ip netns exec lab.${name}.hv1 ovs-vsctl list-ports br-int | grep -c '^ovn-' || true`);
  const extra = during ? await during(name, text).catch((e) => ({ error: String(e.message ?? e).slice(0, 200) })) : undefined;
  const t2 = performance.now();
  lab('down', name);
  const down = (performance.now() - t2) / 1000;
  const chassisOf = (k) => CHASSIS_DAEMONS.reduce((sum, d) => sum + (daemons[d]?.[k] ?? 0), 0);
  const cpu = Object.values(daemons).reduce((sum, d) => sum + d.cpu, 0);
  const own = { user: cpu1.user - cpu0.user, system: cpu1.system - cpu0.system };
  const cores = cpus().length;
  return {
    row: {
      layout: flat ? 'flat' : 'tenant',
      chassis: n,
      VMs: 2 * n,
      'up s (every lease)': round(up),
      'up ms per chassis': Math.round((up * 1000) / n),
      'down s': round(down),
      'daemon CPU s': round(cpu),
      [`wall / (CPU / ${cores} cores)`]: round(up / (cpu / cores), 2),
      "lab's own CPU s (user + system)": `${round(own.user)} + ${round(own.system)}`,
      // Near 1: the machine was busy all along, and the wall time is the daemons' CPU and lab's together.
      [`wall / ((daemons + lab) CPU / ${cores} cores)`]: round(up / ((cpu + own.user + own.system) / cores), 2),
      'chassis CPU s per chassis': round(chassisOf('cpu') / n, 2),
      'idle after up, chassis CPU ms/s per chassis': round(idlePerChassis * 1000, 2),
      'idle after up, all daemons, cores': round((cpuOf(idle) - cpuOf(daemons)) / IDLE_S, 2),
      'chassis idling during up, CPU s (estimate)': round(idlePerChassis * ages.reduce((a, b) => a + b, 0)),
      'PSS MiB per chassis': round(chassisOf('pss') / n),
      'RSS MiB per chassis': round(chassisOf('rss') / n),
      'kernel slab MiB per chassis': round((slab1 - slab0) / n, 2),
      'SB MiB (compacted)': round(sb, 2),
      'logical flows': Number(lflows),
      'tunnels on hv1': Number(tunnels),
    },
    during: extra,
    byDaemon: Object.fromEntries(Object.entries(daemons).map(([d, v]) => [d, round(v.cpu)])),
  };
}

/** Growth of the cost per chassis between successive points (1.25 = a quarter more per doubling). */
export function growthPerDoubling(rows) {
  return rows.slice(1).map((r, i) => {
    const prev = rows[i];
    const doublings = Math.log2(r.chassis / prev.chassis);
    return { from: prev.chassis, to: r.chassis, 'cost per chassis, growth per doubling': round((r['up ms per chassis'] / prev['up ms per chassis']) ** (1 / doublings), 2) };
  });
}
