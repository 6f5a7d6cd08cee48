/**
 * iproute2 reads a bare word as a keyword when it is a prefix of one (`br` is `broadcast`),
 * so names that could be mistaken for a keyword are refused even though `lab` always
 * passes names after `name`/`dev`: users copy the commands `lab` prints.
 */
const IPROUTE_KEYWORDS = [
  'add',
  'address',
  'alias',
  'all',
  'allmulticast',
  'arp',
  'broadcast',
  'brd',
  'change',
  'default',
  'del',
  'delete',
  'dev',
  'down',
  'dynamic',
  'group',
  'help',
  'index',
  'link',
  'list',
  'lst',
  'master',
  'mtu',
  'multicast',
  'name',
  'netns',
  'nomaster',
  'peer',
  'promisc',
  'protodown',
  'qlen',
  'replace',
  'set',
  'show',
  'trailers',
  'txqlen',
  'txqueuelen',
  'type',
  'up',
  'vf',
];

/** Interface names `lab` itself uses inside a chassis; a VM may not take one. */
const RESERVED_PORT_NAMES = ['lo', 'eth0', 'br-int', 'br-phy', 'br-ex', 'ovs-netdev', 'ovs-system', 'genev_sys_6081'];

/** The node name every lab gives its central node. */
export const CENTRAL = 'central';

/** A node a feature adds on the underlay (a clustered central's other member), and what it is, for a name taken twice. */
export interface UnderlayNode {
  name: string;
  what: string;
}

/** The names of a central cluster's members: central, central2, central3 … */
export function clusterMembers(size: number): string[] {
  return Array.from({ length: size }, (_, i) => (i === 0 ? CENTRAL : `${CENTRAL}${i + 1}`));
}

/** Names the underlay of a lab uses for itself. */
export const UNDERLAY = 'underlay';

/** Why a name cannot be used for a node or interface, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  const lower = name.toLowerCase();
  const keyword = IPROUTE_KEYWORDS.find((k) => k.startsWith(lower));
  if (keyword) return `'${name}' would be read by iproute2 as the keyword '${keyword}'; choose another name`;
  if (RESERVED_PORT_NAMES.includes(lower)) return `'${name}' is an interface name lab uses inside nodes; choose another name`;
  return undefined;
}
