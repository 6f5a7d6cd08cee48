import type Docker from 'dockerode';
import { UserError } from '../../base/errors.js';
import { overlaps, parseCidr, type Cidr } from '../../topology/net.js';
import { enginesSpanned } from '../../topology/engines.js';
import type { Lab } from '../../topology/model.js';
import { engineClient, LABEL_LAB } from './client.js';
import type { UnderlayMove } from '../runtime.js';

/** A Docker network as `docker network ls` knows it: its name, labels and IPAM subnets. */
export interface NetworkSubnets {
  name: string;
  labels: Record<string, string>;
  subnets: string[];
}

/** The networks of an engine with their subnets. */
export async function engineSubnets(docker: Docker): Promise<NetworkSubnets[]> {
  const networks = await docker.listNetworks();
  return networks.map((n) => ({ name: n.Name, labels: n.Labels ?? {}, subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])) }));
}

/**
 * Refuses a lab's underlay subnet that a Docker network of the same engine already holds: Docker
 * would refuse it too ("Pool overlaps"), but only after the lab's first containers were made, and
 * without naming whose network it is. Says which lab (or other network) holds it and a free /24 of
 * 192.168.0.0/16 that the file could take instead. The lab's own network (left from an earlier up)
 * is not in the way.
 */
export function refuseTakenUnderlay(subnet: string, networks: readonly NetworkSubnets[], lab: string, labLabel: string): void {
  const taken = takenUnderlay(subnet, networks, lab, labLabel);
  if (!taken) return;
  const { holder, owner, whose, free } = taken;
  throw new UserError(
    `the underlay ${subnet} overlaps ${holder.subnets.join(', ')} of ${whose}: two networks of one Docker engine cannot share addresses`,
    `give this lab its own subnet: --underlay ${free ?? '10.200.0.0/24'} (or underlay: { subnet: ${free ?? '10.200.0.0/24'} } in its file)${owner ? `, or take lab '${owner}' down first` : ''}`,
  );
}

/**
 * Where a copy of a file run under another name (`--name`) goes when another network holds its
 * underlay: the first free /24, and why (undefined: the file's subnet is free).
 */
export function movedUnderlay(subnet: string, networks: readonly NetworkSubnets[], lab: string, labLabel: string): UnderlayMove | undefined {
  const taken = takenUnderlay(subnet, networks, lab, labLabel);
  if (!taken?.free) return undefined;
  return { subnet: taken.free, why: `${taken.whose} holds the file's ${subnet} on this Docker engine` };
}

/**
 * A copy of a file beside a lab of the same file takes the first free /24 of its engine; across
 * engines, each lab's overlay network is its own, and nothing moves.
 */
export async function copyUnderlay(lab: Lab): Promise<UnderlayMove | undefined> {
  if (lab.engines?.length || enginesSpanned(lab).length > 1) return undefined;
  // An engine that does not answer is left to the runtime's preflight, which says what to do.
  const networks = await engineClient()
    .then(engineSubnets)
    .catch(() => undefined);
  return networks && movedUnderlay(lab.underlay.subnet.text, networks, lab.name, LABEL_LAB);
}

/** The network of this engine (not the lab's own) that holds the subnet, whose it is, and a free /24 instead. */
function takenUnderlay(subnet: string, networks: readonly NetworkSubnets[], lab: string, labLabel: string) {
  const wanted = parseCidr(subnet);
  if (!wanted) return undefined;
  const holder = networks.find((n) => n.labels[labLabel] !== lab && n.subnets.some((s) => overlapsText(s, wanted)));
  if (!holder) return undefined;
  const owner = holder.labels[labLabel];
  const whose = owner ? `lab '${owner}' (Docker network ${holder.name})` : `Docker network ${holder.name}`;
  const free = freeSubnet((c) => networks.some((n) => n.subnets.some((s) => overlapsText(s, c))));
  return { holder, owner, whose, free };
}

function overlapsText(text: string, c: Cidr): boolean {
  const other = parseCidr(text);
  return other !== undefined && overlaps(other, c);
}

/** The first 192.168.N.0/24 (N from 101) that no network holds. */
function freeSubnet(taken: (c: Cidr) => boolean): string | undefined {
  for (let n = 101; n < 255; n++) {
    const text = `192.168.${n}.0/24`;
    const c = parseCidr(text);
    if (c && !taken(c)) return text;
  }
  return undefined;
}
