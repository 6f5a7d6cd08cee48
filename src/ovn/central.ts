import type { Central, Chassis } from '../topology/model.js';
import { centralRemote, daemonArgs, NB_PORT, NET_ONLY, RAFT_PORTS, SB_PORT, type NodeShell } from './node-shell.js';
import { sslArgs, sslFiles } from './pki.js';
import { schemaPaths } from '../topology/builds.js';

const DB_NAMES = { nb: 'OVN_Northbound', sb: 'OVN_Southbound' } as const;
const CLIENT_PORTS = { nb: NB_PORT, sb: SB_PORT } as const;

/** The daemons of a central node, by the name of their pid file (what fault steps kill and start). */
export type CentralDaemon = 'ovnnb_db' | 'ovnsb_db' | 'ovn-northd';

/**
 * Starts a central node: NB and SB ovsdb-servers (unix socket for local tools, TCP on the underlay
 * address for chassis) and ovn-northd. Started directly, not through ovn-ctl, which would touch the
 * host's run directories. In a cluster, each database is made by the first member
 * (`ovsdb-tool create-cluster`) and joined by the others (`join-cluster`), and every ovn-northd
 * reaches the databases through all members; one of them holds the lock and is active. A single
 * central writes `rows` (the lab's chassis, see {@link chassisRows}) before northd starts.
 */
export async function startCentral(node: NodeShell, central: Central, chassis: readonly Neighbour[] = [], rows: readonly Chassis[] = []): Promise<void> {
  const r = node.runDir;
  const me = central.members?.find((m) => m.name === node.name) ?? { name: node.name, ip: central.ip };
  const commands: string[][] = [];
  // The NB and SB schemas of its OVN: the build tree's, else the packages'.
  const schemas = schemaPaths(central.build);
  // A single central's SB listens for the chassis once it holds their rows (see chassisRows).
  const rowsFirst = !central.members && rows.length > 0;
  for (const db of ['nb', 'sb'] as const) {
    const file = `${r}/ovn${db}_db.db`;
    if (!central.members) commands.push(['ovsdb-tool', 'create', file, schemas[db]]);
    else if (me.name === central.members[0]!.name) commands.push(['ovsdb-tool', 'create-cluster', file, schemas[db], `tcp:${me.ip}:${RAFT_PORTS[db]}`]);
    else commands.push(['ovsdb-tool', 'join-cluster', file, DB_NAMES[db], `tcp:${me.ip}:${RAFT_PORTS[db]}`, `tcp:${central.members[0]!.ip}:${RAFT_PORTS[db]}`]);
    commands.push(centralDaemonArgv(node, central, `ovn${db}_db`, { listen: !(db === 'sb' && rowsFirst) }));
  }
  if (rowsFirst) commands.push(...chassisRows(rows, `unix:${r}/ovnsb_db.sock`), ...sbListens(node, central, me.ip, rows.length));
  commands.push(centralDaemonArgv(node, central, 'ovn-northd'));
  commands.push(raisePriority(r, CENTRAL_DAEMONS));
  if (chassis.length) commands.push(neighbourBatch(chassis));
  // One process for the whole start: on docker each command is an API exec of its own.
  await node.runAll(commands, NET_ONLY);
}

/** At most this many chassis in one `ovn-sbctl`: a batch's script is one argument, under 128 KiB. */
export const CHASSIS_PER_TRANSACTION = 500;

/**
 * Every chassis' SB row and tunnel endpoint (Chassis, Encap, transport zones) written by central,
 * 500 in a transaction, before any chassis starts; each ovn-controller then takes its row over (its
 * hostname, other_config, which central fills in first where it can: see chassisTemplateCommand)
 * as it starts. A Chassis row that appears makes every running ovn-controller add a tunnel port
 * to br-int, and ovs-vswitchd reconfigure the bridge: chassis that registered one after another
 * made each chassis' OVS do that once per other chassis (one switch over 50 chassis, side by side:
 * ovs-vswitchd 13.0-13.5 → 9.8-10.3 s, ovn-controller 9.5-9.7 → 6.4-6.6 s). With every row there
 * first, a chassis makes its tunnels in its first pass. A single central's SB listens for the
 * chassis only once their rows are in: a chassis starts once the SB has its SB_Global row, which
 * any ovn-sbctl inserts when there is none (a chassis' own `list SB_Global` made it), and a
 * chassis that registered itself first made central's transaction fail (seen at 500 chassis).
 */
export function chassisRows(chassis: readonly Chassis[], db?: string): string[][] {
  const batches: string[][] = [];
  for (let at = 0; at < chassis.length; at += CHASSIS_PER_TRANSACTION) {
    const some = chassis.slice(at, at + CHASSIS_PER_TRANSACTION);
    const rows = some.flatMap((c) => ['--', 'chassis-add', c.name, c.encap, c.ip, ...(c.transportZones.length ? ['--', 'set', 'Chassis', c.name, `transport_zones=${c.transportZones.join(',')}`] : [])]);
    batches.push(['ovn-sbctl', ...(db ? [`--db=${db}`] : []), '--timeout=30', ...rows]);
  }
  return batches;
}

/** A node's neighbour on its eth0: an underlay address and its MAC. */
export interface Neighbour {
  ip: string;
  mac: string;
}

/**
 * Holds each chassis' address at the MAC of its eth0 (see chassisNics), for good, so that central
 * never asks (br-phy would answer) and its replies reach the chassis around OVS. One `ip -batch`.
 */
function neighbourBatch(chassis: readonly Neighbour[]): string[] {
  return ['sh', '-c', 'printf "%s\\n" "$@" | ip -batch -', 'sh', ...chassis.map((c) => `neigh replace ${c.ip} lladdr ${c.mac} dev eth0 nud permanent`)];
}

/**
 * How long a chassis and the SB server each wait for the other's echo before dropping their
 * connection: OVN's default of 5 s, or a tenth of a second per chassis where that is longer (500
 * chassis: 50 s), as large deployments raise `ovn-remote-probe-interval` on the chassis and the
 * Connection row's `inactivity_probe` on the SB. One SB server answers every chassis: at 500 on
 * two cores it answered a chassis' probe later than 5 s while the chassis registered, each chassis
 * that gave up reconnected and fetched the whole database again, and the lab never settled (a
 * reconnect storm). And each echo wakes it to look at every connection: with the SB probing every 5 s,
 * the idle SB used 0.17-0.23 of a core and the whole idle lab 0.83-0.93; probing every 50 s,
 * 0.04-0.07 and 0.45-0.50 (one lab, switched back and forth). Undefined: OVN's default.
 */
export function probeAtScale(chassisCount: number): number | undefined {
  const ms = chassisCount * 100;
  return ms > 5000 ? ms : undefined;
}

/**
 * The SB's probe in a Connection row, for a single central at scale; undefined where the SB keeps
 * its command-line remote (a cluster's members each listen on their own address).
 */
function sbProbeRow(central: Central, chassisCount: number): number | undefined {
  return central.members ? undefined : probeAtScale(chassisCount);
}

/** Where the SB server finds its client remote when a Connection row sets its probe (see {@link probeAtScale}). */
const SB_CONNECTIONS = 'db:OVN_Southbound,SB_Global,connections';

/**
 * A single central's SB is given its client remote once it holds the chassis' rows (see
 * chassisRows): the remote itself, or at scale a Connection row with the SB's probe and the remote
 * that reads it, which a restarted SB reads again (see {@link centralDaemonArgv}).
 */
function sbListens(node: NodeShell, central: Central, ip: string, chassisCount: number): string[][] {
  const ctl = ['ovs-appctl', '-t', `${node.runDir}/ovnsb_db.ctl`, 'ovsdb-server/add-remote'];
  const probe = sbProbeRow(central, chassisCount);
  if (probe === undefined) return [[...ctl, clientRemote(central, ip, 'sb')]];
  return [
    ['ovn-sbctl', `--db=unix:${node.runDir}/ovnsb_db.sock`, `--inactivity-probe=${probe}`, 'set-connection', clientRemote(central, ip, 'sb')],
    [...ctl, SB_CONNECTIONS],
  ];
}

/**
 * Starts one daemon of a central node (also again, after a fault step killed it: its database file
 * is kept, and with it the SB's Connection row where a lab of `chassisCount` chassis has one).
 */
export async function startCentralDaemon(node: NodeShell, central: Central, daemon: CentralDaemon, chassisCount: number): Promise<void> {
  const throughRow = daemon === 'ovnsb_db' && sbProbeRow(central, chassisCount) !== undefined;
  await node.runAll([centralDaemonArgv(node, central, daemon, { listen: true, throughRow }), raisePriority(node.runDir, [daemon])], NET_ONLY);
}

const CENTRAL_DAEMONS: readonly CentralDaemon[] = ['ovnnb_db', 'ovnsb_db', 'ovn-northd'];

/**
 * Central's daemons get a higher CPU priority than the rest of the lab (nice -10), as if central
 * had a server of its own: every chassis waits on its SB server. At 500 chassis on two cores, at
 * equal priority the SB server was one among 1500 daemons and had too little of the CPU to answer
 * a starting chassis within 50 s (poll intervals past a second), and the lab failed. Debian's
 * kernel shares the CPU between sessions first (autogroup), and each daemon starts a session of
 * its own as it detaches, so its session's group gets the priority too. Best effort: where lab may
 * not raise a priority (a container without CAP_SYS_NICE, which has a CPU share of its own anyway)
 * it stays. Lowering the chassis' daemons instead made them too slow to answer the SB server's
 * 5-second probes, and its reconnect storm failed the lab.
 */
function raisePriority(runDir: string, daemons: readonly CentralDaemon[]): string[] {
  const script = 'for f in "$@"; do p=$(cat "$f"); renice -n -10 -p "$p" >/dev/null 2>&1 || true; echo -10 2>/dev/null > /proc/"$p"/autogroup || true; done';
  return ['sh', '-c', script, 'sh', ...daemons.map((d) => `${runDir}/${d}.pid`)];
}

/** Where a central database listens for other nodes: TCP, or SSL with the lab's certificates. */
function clientRemote(central: Central, ip: string, db: 'nb' | 'sb'): string {
  return `${central.ssl ? 'pssl' : 'ptcp'}:${CLIENT_PORTS[db]}:${ip}`;
}

/**
 * `listen: false`: a database that listens on its unix socket only, until given its client remote;
 * `throughRow`: the SB's client remote is its Connection row's (see {@link sbListens}).
 */
function centralDaemonArgv(node: NodeShell, central: Central, daemon: CentralDaemon, opts: { listen: boolean; throughRow?: boolean } = { listen: true }): string[] {
  const r = node.runDir;
  const ip = central.members?.find((m) => m.name === node.name)?.ip ?? central.ip;
  if (daemon === 'ovn-northd') {
    // Alone, northd uses the local sockets; in a cluster, every member, so it follows the leader.
    const nb = central.members ? centralRemote(central, NB_PORT) : `unix:${r}/ovnnb_db.sock`;
    const sb = central.members ? centralRemote(central, SB_PORT) : `unix:${r}/ovnsb_db.sock`;
    return ['ovn-northd', `--ovnnb-db=${nb}`, `--ovnsb-db=${sb}`, ...daemonArgs(r, 'ovn-northd')];
  }
  const db = daemon === 'ovnnb_db' ? 'nb' : 'sb';
  // With SSL, chassis reach the databases on pssl: with the lab's certificates; northd and the lab's
  // own checks keep using the local unix sockets.
  const remote = opts.throughRow ? SB_CONNECTIONS : clientRemote(central, ip, db);
  const listen = [...(opts.listen ? [`--remote=${remote}`] : []), ...(central.ssl ? sslArgs(sslFiles(r, central.name)) : [])];
  return ['ovsdb-server', `${r}/${daemon}.db`, `--remote=punix:${r}/${daemon}.sock`, ...listen, `--unixctl=${r}/${daemon}.ctl`, ...daemonArgs(r, daemon)];
}
