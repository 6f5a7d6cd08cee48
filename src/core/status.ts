import type { Exec } from '../base/exec.js';
import { engineOfNode } from '../topology/engines.js';
import { createRuntime } from '../runtime/registry.js';
import { buildOf, nodeNames, type Host, type NodeKind, type Vm } from '../topology/model.js';
import { nodeOrigin, type Origin } from '../topology/builds.js';
import { daemonStates, ovnDaemons, type DaemonStatus } from '../ovn/daemons.js';
import { clusterStatus, nodeVersions, registeredChassis } from '../ovn/queries.js';
import type { NodeShell } from '../ovn/node-shell.js';
import { vmAddress, vmAddresses6 } from '../vm/address.js';
import { dhclientPaths } from '../vm/dhclient-files.js';
import { serverFiles } from '../vm/servers.js';
import { LabContext } from '../ovn/lab-context.js';
import { readRecord, type LabRecord } from './lab-store.js';
import { statfs } from 'node:fs/promises';
import pLimit from 'p-limit';
import { labDir } from '../base/paths.js';
import { sameProcessAlive } from '../base/processes.js';

export interface NodeStatus {
  name: string;
  kind: NodeKind;
  present: boolean;
  daemons: DaemonStatus[];
  /** Chassis: registered in the SB database; `unknown` when the SB database did not answer. */
  registered?: 'yes' | 'no' | 'unknown';
  /** VM: chassis, logical port, how it is addressed, the address it has now (hosts: their network). */
  chassis?: string;
  network?: string;
  port?: string;
  /** dhcp or static (IPv4), then how it gets its IPv6 address if it has one: 'static, IPv6 slaac'. */
  addressing?: string;
  address?: string;
  /** docker runtime across engines: the engine the node (a VM: its chassis) runs on, with its address. */
  engine?: string;
  /** Central and chassis: the OVS and OVN versions they run. */
  versions?: { ovs: string; ovn: string };
  /** Central and chassis: where their OVN and OVS come from (a build tree with its commit, or packages). */
  origin?: { ovn: Origin; ovs: Origin };
  /** A member of a central cluster: its role in the NB and the SB cluster (leader, follower, down…). */
  cluster?: { nb: string; sb: string };
}

export interface LabStatus {
  name: string;
  runtime: string;
  datapath: string;
  file?: string;
  createdAt: string;
  nodes: NodeStatus[];
  /** Who made it (the user behind sudo). */
  owner?: string;
  /** `starting` while its `up` still runs, else `up`. */
  state?: 'starting' | 'up';
  /** Processes of the lab running outside its nodes (a namespace deleted under them): `down` ends them. */
  strays?: { pid: number; cmdline: string }[];
  /** Why the lab cannot work as it should though its nodes run (its state directory's disk is full). */
  warning?: string;
  /** Every node present and every daemon running. */
  healthy: boolean;
  /** Why the lab could not be looked at (a state directory without a record: half made or half removed). */
  problem?: string;
  /** The problem is that its runtime does not answer (a Docker engine stopped): the lab may be whole. */
  unreachable?: boolean;
}

/** The daemons a node runs, by pid file: OVS/OVN ones on central and chassis, dnsmasq in a service, dhclient where DHCP is used. */
function daemonsOf(shell: NodeShell, vm?: Vm, host?: Host): { name: string; pidFile: string }[] {
  if (shell.kind === 'central' || shell.kind === 'chassis') return ovnDaemons(shell);
  if (vm?.service) return [{ name: 'dnsmasq', pidFile: `${shell.runDir}/dnsmasq.pid` }];
  const servers = (vm?.servers ?? host?.servers ?? []).map((s) => serverFiles(shell.runDir, s)).map((f) => ({ name: f.name, pidFile: f.pid }));
  return [...(vm?.dhcp || host?.dhcp ? [{ name: 'dhclient', pidFile: dhclientPaths(shell.runDir).pid }] : []), ...servers];
}

/**
 * What a lab is like now. A lab whose record cannot be read (an `up` killed before it wrote it,
 * a `down` killed half way) is reported as such, never an error: the other labs still show.
 */
export async function labStatus(name: string, exec: Exec, opts: StatusOptions = {}): Promise<LabStatus> {
  const record = await readRecord(name).catch((e: Error) => e);
  if (record instanceof Error) {
    const why = (record as NodeJS.ErrnoException).code === 'ENOENT' ? 'no record (lab.json)' : `its record cannot be read (${record.message})`;
    return { name, runtime: 'unknown', datapath: 'unknown', createdAt: '', nodes: [], healthy: false, problem: `${why}: half made or half removed; 'lab down ${name}' removes what is left` };
  }
  // A runtime that does not answer (its Docker engine stopped) is this lab's problem, not the listing's:
  // `lab status` and `lab ls` still show the others.
  return statusOf(name, record, exec, opts).catch((e: Error) => ({
    name,
    runtime: record.runtime,
    datapath: record.lab.datapath,
    createdAt: record.createdAt,
    nodes: [],
    owner: record.owner.user,
    healthy: false,
    unreachable: true,
    problem: `its ${record.runtime} runtime does not answer (${e.message}); once it does, 'lab status ${name}' looks again and 'lab down ${name}' removes the lab`,
  }));
}

export interface StatusOptions {
  /** Leave out what a running node cannot change, its OVS and OVN versions (a live page looking every second). */
  withoutVersions?: boolean;
}

async function statusOf(name: string, record: LabRecord, exec: Exec, opts: StatusOptions): Promise<LabStatus> {
  const lab = record.lab;
  // Whether its up still ran when we began to look: the nodes below are seen as they were then. An
  // up that ends while we look would otherwise turn a starting lab's half-made nodes into DEGRADED.
  const starting = record.state === 'starting' && sameProcessAlive(record.maker);
  const runtime = createRuntime(record.runtime, name, exec, record.lab);
  const ctx = new LabContext(lab, runtime, exec);
  const all = nodeNames(lab);
  const present = await runtime.present(all);
  const strays = (await runtime.strays?.()) ?? [];

  // Registered chassis as the SB database says; undefined when it cannot say (its server is down).
  const registered = present.has(lab.central.name) ? await registeredChassis(ctx.central()) : undefined;

  // A few nodes at a time: each asks with a handful of programs, and a lab of 500 chassis asked
  // all at once would start thousands together, each `ip netns exec` mounting a /sys of its own.
  const limit = pLimit(16);
  const nodes = await Promise.all(
    all.map((node) =>
      limit(async (): Promise<NodeStatus> => {
        const kind = ctx.kindOf(node);
        const vm = lab.vms.find((v) => v.name === node);
        const host = lab.hosts.find((h) => h.name === node);
        const shell = ctx.node(node);
        const wanted = daemonsOf(shell, vm, host);
        const isUp = present.has(node);
        // A node gone while its daemons run on (its namespace deleted under them): they are strays.
        const gone = (d: { name: string; pidFile: string }): DaemonStatus => {
          const stray = strays.find((p) => p.cmdline.includes(d.pidFile));
          return stray ? { name: d.name, state: 'stray', running: false, pid: stray.pid } : { name: d.name, state: 'dead', running: false };
        };
        const daemons: DaemonStatus[] = (isUp ? await daemonStates(shell, wanted) : undefined) ?? wanted.map(gone);
        const status: NodeStatus = { name: node, kind, present: isUp, daemons };
        const engine = lab.engines ? engineOfNode(lab, node) : undefined;
        if (engine) status.engine = `${engine} (${lab.engines!.find((e) => e.name === engine)?.url})`;
        if (kind === 'chassis') status.registered = registered ? (registered.has(node) ? 'yes' : 'no') : 'unknown';
        // What a central or chassis runs: on docker each node may be on its own release.
        if ((kind === 'central' || kind === 'chassis') && isUp && !opts.withoutVersions) {
          status.versions = await nodeVersions(shell);
          status.origin = nodeOrigin(buildOf(lab, node), status.versions, runtime.packagesRelease?.(node));
        }
        // A cluster member's role in each database, as it says itself.
        if (kind === 'central' && lab.central.members && isUp) {
          const [nb, sb] = await Promise.all([clusterStatus(shell, 'nb'), clusterStatus(shell, 'sb')]);
          status.cluster = { nb: nb.role, sb: sb.role };
        }
        if (vm) {
          const addressing = [vm.ip !== undefined ? (vm.dhcp ? 'dhcp' : 'static') : undefined, vm.ipv6 ? `IPv6 ${vm.ipv6.mode}` : undefined].filter(Boolean).join(', ');
          Object.assign(status, { chassis: vm.chassis, port: vm.port, addressing });
        }
        if (host) Object.assign(status, { network: host.network, addressing: host.dhcp ? 'dhcp' : 'static' });
        if ((vm || host) && isUp) status.address = (await vmAddress(shell)) ?? (await vmAddresses6(shell))[0];
        // A namespace's addresses are those of its links.
        if (kind === 'namespace' && isUp)
          status.address =
            (
              await Promise.all(
                lab.links
                  .flatMap((l) => l.ends)
                  .filter((e) => e.node === node)
                  .map((e) => vmAddress(shell, e.iface)),
              )
            )
              .filter(Boolean)
              .join(', ') || undefined;
        return status;
      }),
    ),
  );
  const warning = await fullDisk(labDir(name));
  const healthy = !warning && !strays.length && nodes.every((n) => n.present && n.daemons.every((d) => d.running) && (n.registered === undefined || n.registered === 'yes'));
  return {
    name,
    runtime: record.runtime,
    datapath: record.datapath,
    ...(lab.file ? { file: lab.file } : {}),
    createdAt: record.createdAt,
    owner: record.owner.user,
    state: starting ? 'starting' : 'up',
    nodes,
    ...(strays.length ? { strays } : {}),
    ...(warning ? { warning } : {}),
    healthy,
  };
}

/** Under this much free space, the NB and SB databases (which grow with every write) cannot be written. */
const LOW_SPACE_BYTES = 1 << 20;

/** A warning when the disk of the lab's state directory (its databases, logs) is full. */
async function fullDisk(dir: string): Promise<string | undefined> {
  const fs = await statfs(dir).catch(() => undefined);
  if (!fs || fs.bavail * fs.bsize >= LOW_SPACE_BYTES) return undefined;
  return `the disk of ${dir} is full (${Math.floor((fs.bavail * fs.bsize) / 1024)} KiB free): the NB/SB databases and logs cannot be written`;
}
