import type { Chassis } from '../topology/model.js';
import type { NodeShell } from './node-shell.js';

/** A gratuitous ARP (an ARP request for its own address, to everyone) as hex, for `ovs-ofctl packet-out`. */
function gratuitousArp(ip: string, mac: string): string {
  const m = mac.replace(/:/g, '');
  const a = ip.split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join('');
  return `${'ff'.repeat(6)}${m}0806` + `0001080006040001${m}${a}${'00'.repeat(6)}${a}`;
}

/**
 * The userspace datapath drops the first packet to a tunnel endpoint whose MAC it has not resolved
 * yet. Once every chassis is up, each announces its tunnel address once with a gratuitous ARP;
 * every other chassis' OVS learns it from the broadcast (OVS snoops gratuitous ARP into its tunnel
 * neighbour cache, lib/tnl-neigh-cache.c), so first packets cross. One announcement per chassis,
 * where setting each peer on each chassis took N² commands. OVS sends it itself, as if from br-phy's
 * own port (one short ovs-ofctl, where a Python sender took 80 ms to start on each chassis).
 */
export async function announceTunnelAddress(node: NodeShell, chassis: Chassis): Promise<void> {
  await node.run(['ovs-ofctl', 'packet-out', 'br-phy', 'LOCAL', 'NORMAL', gratuitousArp(chassis.ip, chassis.mac)]);
}

/**
 * Sets a chassis' tunnel neighbours (all in one process) where announcing would not do: across
 * Docker engines, whose swarm overlay carries no broadcast from one engine to another (Docker
 * answers ARP there itself), and where transport zones leave each chassis a few peers.
 */
export async function seedRemoteNeighbours(node: NodeShell, peers: readonly Chassis[]): Promise<void> {
  if (!peers.length) return;
  await node.runAll(peers.map((p) => ['ovs-appctl', 'tnl/neigh/set', 'br-phy', p.ip, p.mac]));
}

/**
 * After the announcements: sets on a chassis the peers it did not learn. OVS snoops a gratuitous
 * ARP only when it translates it with its own br-phy address known (xport_has_ip in
 * ofproto-dpif-xlate.c). A broadcast that reached a chassis before that (a peer's ARP for
 * central, while this chassis was still starting) leaves a datapath flow that does not look at
 * ARP fields, and the announcement from the same MAC then matches that flow without being
 * translated, so it is never learned: a busy CI machine lost the first ping so. One read of the
 * table, and a set for each peer missing from it (every peer in `lab script`, whose reads return
 * nothing).
 */
export async function completeNeighbours(node: NodeShell, peers: readonly Chassis[]): Promise<void> {
  if (!peers.length) return;
  const known = learnedNeighbours((await node.run(['ovs-appctl', 'tnl/neigh/show'])).stdout);
  await seedRemoteNeighbours(node, peers.filter((p) => known.get(p.ip) !== p.mac.toLowerCase()));
}

/** `tnl/neigh/show`'s rows as address → MAC. */
export function learnedNeighbours(table: string): Map<string, string> {
  const rows = [...table.matchAll(/^\s*([0-9a-f:.]+)\s+((?:[0-9a-f]{2}:){5}[0-9a-f]{2})\s/gim)];
  return new Map(rows.map(([, ip, mac]) => [ip!, mac!.toLowerCase()]));
}
