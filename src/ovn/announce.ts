import { tunnelPeers, type Chassis, type Lab } from '../topology/model.js';
import { appctlLines, type NodeShell } from './node-shell.js';
import type { ExecOptions } from '../base/exec.js';

/*
 * Tunnel neighbours. The userspace datapath drops the first packet to a tunnel endpoint whose MAC
 * it has not resolved yet (it sends an ARP instead), so lab fills each chassis' tunnel neighbour
 * cache before any VM sends: with few peers by setting them when the chassis starts, with many by
 * announcements once all are up, completed by setting what a chassis did not learn.
 */

/** A gratuitous ARP (an ARP request for its own address, to everyone) as hex, for `ovs-ofctl packet-out`. */
function gratuitousArp(ip: string, mac: string): string {
  const m = mac.replace(/:/g, '');
  const a = ip
    .split('.')
    .map((o) => Number(o).toString(16).padStart(2, '0'))
    .join('');
  return `${'ff'.repeat(6)}${m}0806` + `0001080006040001${m}${a}${'00'.repeat(6)}${a}`;
}

/**
 * A chassis announces its tunnel address once with a gratuitous ARP; the other chassis' OVS learn
 * it from the broadcast (OVS snoops gratuitous ARP into its tunnel neighbour cache,
 * lib/tnl-neigh-cache.c). OVS sends it itself, as if from br-phy's own port (one short ovs-ofctl,
 * where a Python sender took 80 ms to start on each chassis).
 */
export async function announceTunnelAddress(node: NodeShell, chassis: Chassis): Promise<void> {
  await node.run(['ovs-ofctl', 'packet-out', 'br-phy', 'LOCAL', 'NORMAL', gratuitousArp(chassis.ip, chassis.mac)]);
}

/** Sets these peers as a chassis' tunnel neighbours on br-phy: no process of its own where lab reaches ovs-vswitchd's socket (see NodeShell.appctl). */
async function setNeighbours(node: NodeShell, peers: readonly Chassis[]): Promise<void> {
  await node.appctl(neighbourCommands(peers));
}

function neighbourCommands(peers: readonly Chassis[]): string[][] {
  return peers.map((p) => ['tnl/neigh/set', 'br-phy', p.ip, p.mac]);
}

/**
 * Runs a batch that starts a chassis' ovs-vswitchd, then sets its tunnel neighbours (these peers):
 * from lab's own process where it can, else as `ovs-appctl` lines at the batch's end, in its process.
 */
export async function startThenSetNeighbours(node: NodeShell, batch: readonly (readonly string[])[], peers: readonly Chassis[], opts: ExecOptions): Promise<void> {
  await node.runAll([...batch, ...(node.appctlHere ? [] : appctlLines(neighbourCommands(peers)))], opts);
  if (node.appctlHere) await setNeighbours(node, peers);
}

/**
 * After the announcements: sets on a chassis the peers it did not learn. Chassis on other Docker
 * engines are never heard (a swarm overlay carries no broadcast between engines), and OVS snoops
 * an announcement only when it translates it with its own br-phy address known (xport_has_ip in
 * ofproto-dpif-xlate.c): one that arrives before that address reached OVS's cache, or that matches
 * a datapath flow made then, is not learned. On a busy CI machine, dmz lost its first ping so.
 * One read of the table, and a set for each peer missing from it (every peer in `lab script`,
 * whose reads return nothing).
 */
export async function completeNeighbours(node: NodeShell, peers: readonly Chassis[]): Promise<void> {
  if (!peers.length) return;
  const known = learnedNeighbours(await node.appctl([['tnl/neigh/show']]));
  await setNeighbours(
    node,
    peers.filter((p) => known.get(p.ip) !== p.mac.toLowerCase()),
  );
}

/** `tnl/neigh/show`'s rows as address → MAC. */
function learnedNeighbours(table: string): Map<string, string> {
  const rows = [...table.matchAll(/^\s*([0-9a-f:.]+)\s+((?:[0-9a-f]{2}:){5}[0-9a-f]{2})\s/gim)];
  return new Map(rows.map(([, ip, mac]) => [ip!, mac!.toLowerCase()]));
}

/**
 * Up to this many peers, a chassis' tunnel neighbours are set when it starts (their addresses and
 * MACs are in the file), a command to its ovs-vswitchd each; beyond, once
 * every chassis is up, each announces itself once to all (N announcements where setting would
 * take N² commands), and what a chassis missed is set.
 */
const SET_AT_MOST = 16;

/** Whether a lab's chassis announce their tunnel addresses rather than have their neighbours set. */
export function announcesTunnels(lab: Lab): boolean {
  let announces = announcing.get(lab);
  if (announces === undefined) announcing.set(lab, (announces = lab.chassis.some((c) => tunnelPeers(c, lab.chassis).length > SET_AT_MOST)));
  return announces;
}

/** Each chassis' start asks: worked out once per lab (N² pairs), not once per chassis. */
const announcing = new WeakMap<Lab, boolean>();
