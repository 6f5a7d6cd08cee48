import type Docker from 'dockerode';
import { UserError } from '../../base/errors.js';
import type { ExecResult } from '../../base/exec.js';
import { overlayAutoRange } from '../../topology/engines.js';
import type { Lab } from '../../topology/model.js';
import { parseCidr } from '../../topology/net.js';

/**
 * A lab network across Docker engines: an attachable swarm overlay, made on the first engine (a
 * manager), which containers on every engine of the swarm join by name. On the underlay, Docker's
 * own addresses (one per engine, and the gateway) stay in the top of the subnet, out of the nodes'
 * way. `mtu` is what containers get; Docker's option is the MTU of the link beneath, 50 bytes
 * (its VXLAN) more. Returns the docker CLI line (what -v shows) and the API's options.
 */
export function overlayNetwork(name: string, labels: Record<string, string>, opts: { internal: boolean; subnet?: string; mtu?: number }): { cli: string[]; options: Docker.NetworkCreateOptions } {
  const option = opts.mtu !== undefined ? opts.mtu + 50 : undefined;
  const range = opts.subnet ? overlayAutoRange(parseCidr(opts.subnet)!) : undefined;
  return {
    cli: [
      'docker',
      'network',
      'create',
      '-d',
      'overlay',
      '--attachable',
      ...(opts.internal ? ['--internal'] : []),
      ...(opts.subnet && range ? ['--subnet', opts.subnet, '--ip-range', range.cidr, '--gateway', range.gateway] : []),
      ...(option ? ['-o', `com.docker.network.driver.mtu=${option}`] : []),
      name,
    ],
    options: {
      Name: name,
      Driver: 'overlay',
      Attachable: true,
      Internal: opts.internal,
      CheckDuplicate: true,
      Labels: labels,
      ...(option ? { Options: { 'com.docker.network.driver.mtu': String(option) } } : {}),
      ...(opts.subnet && range ? { IPAM: { Driver: 'default', Config: [{ Subnet: opts.subnet, IPRange: range.cidr, Gateway: range.gateway }] } } : {}),
    },
  };
}

/**
 * Refuses a network between engines that does not carry the overlay's full MTU: a ping of that
 * size with DF from central to a node on each other engine. Docker sets no DF on its VXLAN, but
 * OVS sets it on Geneve, so a too small network between machines would lose full-size packets
 * without a word.
 */
export async function probeUnderlay(lab: Lab, run: (node: string, argv: string[]) => Promise<ExecResult>, engineOf: (node: string) => string | undefined): Promise<void> {
  if (!lab.underlay.mtu) return;
  const central = lab.central.members?.[0] ?? lab.central;
  const seen = new Set([engineOf(central.name)]);
  for (const c of lab.chassis) {
    const engine = engineOf(c.name);
    if (seen.has(engine)) continue;
    seen.add(engine);
    // A node just started on another engine may miss the first packet while the overlay learns
    // where it is: a small ping until one reply (up to 10 s) first, so that only the size can fail
    // the ping that follows.
    const reach = await run(central.name, ['ping', '-c', '1', '-w', '10', c.ip]);
    if (!reach.ok) {
      throw new UserError(
        `${central.name} on Docker engine '${engineOf(central.name)}' cannot reach ${c.name} on engine '${engine}' over the swarm's overlay (ping ${c.ip}: ${lastLine(reach)})`,
        `check that the engines' swarm ports are open between the machines (TCP 2377, TCP and UDP 7946, UDP 4789) and that 'docker node ls' on the manager lists every engine as Ready`,
      );
    }
    const size = lab.underlay.mtu - 28;
    const ping = await run(central.name, ['ping', '-c', '1', '-w', '3', '-M', 'do', '-s', String(size), c.ip]);
    if (ping.ok) continue;
    const vm = Math.max(...lab.vms.map((v) => v.mtu), 0);
    throw new UserError(
      `the network between Docker engines '${engineOf(central.name)}' and '${engine}' does not carry the lab's ${lab.underlay.mtu}-byte underlay packets (${size}-byte ping with DF from ${central.name} to ${c.name}: ${lastLine(ping)})`,
      `across machines on a 1500-byte network, give the file underlay: { mtu: 1450 } (VMs then get 1450 less the tunnel's ${lab.underlay.mtu - vm} bytes), or use jumbo frames between the machines`,
    );
  }
}

function lastLine(r: ExecResult): string {
  return (r.stdout + r.stderr).trim().split('\n').pop() ?? '';
}
