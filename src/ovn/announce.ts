import type { Chassis } from '../topology/model.js';
import type { NodeShell } from './node-shell.js';

/**
 * A gratuitous ARP for the chassis' tunnel address, sent from br-phy (argv: interface, address,
 * MAC). python3 comes with every node; no arping to install.
 */
const GARP = `
import socket, struct, sys
iface, ip, mac = sys.argv[1], sys.argv[2], bytes.fromhex(sys.argv[3].replace(":", ""))
addr = socket.inet_aton(ip)
arp = struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + mac + addr + bytes(6) + addr
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((iface, 0))
s.send(b"\\xff" * 6 + mac + b"\\x08\\x06" + arp)
`;

/**
 * The userspace datapath drops the first packet to a tunnel endpoint whose MAC it has not resolved
 * yet. Once every chassis is up, each announces its tunnel address once with a gratuitous ARP;
 * every other chassis' OVS learns it from the broadcast (OVS snoops gratuitous ARP into its tunnel
 * neighbour cache, lib/tnl-neigh-cache.c), so first packets cross. One announcement per chassis,
 * where setting each peer on each chassis took N² commands.
 */
export async function announceTunnelAddress(node: NodeShell, chassis: Chassis): Promise<void> {
  await node.run(['/usr/bin/python3', '-c', GARP, 'br-phy', chassis.ip, chassis.mac]);
}

/**
 * Across Docker engines, the swarm overlay carries no broadcast from one engine to another (Docker
 * answers ARP there itself, from what it knows of each container): a gratuitous ARP reaches only
 * the chassis on the sender's own engine. The tunnel neighbours on other engines are set instead,
 * each chassis' in one process.
 */
export async function seedRemoteNeighbours(node: NodeShell, peers: readonly Chassis[]): Promise<void> {
  if (!peers.length) return;
  await node.runAll(peers.map((p) => ['ovs-appctl', 'tnl/neigh/set', 'br-phy', p.ip, p.mac]));
}
