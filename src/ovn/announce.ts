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
