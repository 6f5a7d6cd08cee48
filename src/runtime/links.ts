/**
 * Links between network namespaces, written once for every runtime: a runtime says how to run a
 * command in a namespace and how `ip link … netns NAME` names it; the sequence is the same.
 */

/** One end of a veth pair: the namespace it is in (how to run commands there, and its name for `ip`), its device. */
export interface LinkEnd {
  /** Runs argv in this end's namespace. */
  run(argv: readonly string[]): Promise<unknown>;
  /** The namespace's name as seen from the other end (`ip link add … netns NAME`); absent: the same namespace. */
  netns?: string;
  dev: string;
  mac?: string;
}

export interface VethOptions {
  mtu?: number;
  /**
   * No IPv6 on end b: no link-local address, so no router solicitations, DAD or MLD reports that
   * would flood the logical switch and the flow counters of IPv4 labs. `addrgenmode none` rather
   * than a sysctl, which fails where /proc/sys is read-only (inside containers).
   */
  quietIpv6?: boolean;
  /** The same on end a (a plain link, where neither end is an OVS port). */
  quietBoth?: boolean;
}

/**
 * A veth pair made from end a: both ends up, with TX checksum offload off (packets entering the
 * userspace datapath through AF_PACKET otherwise carry partial checksums, and TCP, such as
 * ovn-controller's to the SB database, silently fails), the MTU when given.
 */
export async function veth(a: LinkEnd, b: LinkEnd, opts: VethOptions = {}): Promise<void> {
  for (const { end, argv } of vethCommands(a, b, opts)) await (end === 'a' ? a : b).run(argv);
}

/** The commands of {@link veth}, each with the end it runs at, for runtimes that send them together. */
export function vethCommands(a: Omit<LinkEnd, 'run'>, b: Omit<LinkEnd, 'run'>, opts: VethOptions = {}): { end: 'a' | 'b'; argv: string[] }[] {
  const commands: { end: 'a' | 'b'; argv: string[] }[] = [
    { end: 'a', argv: ['ip', 'link', 'add', 'name', a.dev, ...(a.mac ? ['address', a.mac] : []), 'type', 'veth', 'peer', 'name', b.dev, ...(b.netns ? ['netns', b.netns] : []), ...(b.mac ? ['address', b.mac] : [])] },
  ];
  if (opts.quietIpv6 || opts.quietBoth) commands.push({ end: 'b', argv: ['ip', 'link', 'set', 'dev', b.dev, 'addrgenmode', 'none'] });
  if (opts.quietBoth) commands.push({ end: 'a', argv: ['ip', 'link', 'set', 'dev', a.dev, 'addrgenmode', 'none'] });
  for (const [end, e] of [
    ['a', a],
    ['b', b],
  ] as const) {
    commands.push({ end, argv: ['ethtool', '-K', e.dev, 'tx', 'off'] });
    commands.push({ end, argv: ['ip', 'link', 'set', 'dev', e.dev, ...(opts.mtu ? ['mtu', String(opts.mtu)] : []), 'up'] });
  }
  return commands;
}

/** A command in a named namespace: `ip -n NS …` for ip (one process), `ip netns exec NS …` for the rest. */
export function inNamespace(ns: string, argv: readonly string[]): string[] {
  return argv[0] === 'ip' ? ['ip', '-n', ns, ...argv.slice(1)] : ['ip', 'netns', 'exec', ns, ...argv];
}
