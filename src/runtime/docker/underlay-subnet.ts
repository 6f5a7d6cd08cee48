import { UserError } from '../../base/errors.js';
import { overlaps, parseCidr, type Cidr } from '../../topology/net.js';

/** A Docker network as `docker network ls` knows it: its name, labels and IPAM subnets. */
export interface NetworkSubnets {
  name: string;
  labels: Record<string, string>;
  subnets: string[];
}

/**
 * Refuses a lab's underlay subnet that a Docker network of the same engine already holds: Docker
 * would refuse it too ("Pool overlaps"), but only after the lab's first containers were made, and
 * without naming whose network it is. Says which lab (or other network) holds it and a free /24 of
 * 192.168.0.0/16 that the file could take instead. The lab's own network (left from an earlier up)
 * is not in the way.
 */
export function refuseTakenUnderlay(subnet: string, networks: readonly NetworkSubnets[], lab: string, labLabel: string): void {
  const wanted = parseCidr(subnet);
  if (!wanted) return;
  const taken = (c: Cidr) => networks.some((n) => n.subnets.some((s) => overlapsText(s, c)));
  const holder = networks.find((n) => n.labels[labLabel] !== lab && n.subnets.some((s) => overlapsText(s, wanted)));
  if (!holder) return;
  const owner = holder.labels[labLabel];
  const whose = owner ? `lab '${owner}' (Docker network ${holder.name})` : `Docker network ${holder.name}`;
  const free = freeSubnet(taken);
  throw new UserError(
    `the underlay ${subnet} overlaps ${holder.subnets.join(', ')} of ${whose}: two networks of one Docker engine cannot share addresses`,
    `give this lab its own subnet in its file, e.g. underlay: { subnet: ${free ?? '10.200.0.0/24'} }${owner ? `, or take lab '${owner}' down first` : ''}`,
  );
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
