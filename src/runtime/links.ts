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
  /**
   * A plain link between two namespaces, where the kernel on each end sends: end a too gets no
   * IPv6 and its TX checksum offload off. Otherwise end a is an OVS port or a bridge's port (a
   * chassis' side of a VM's link, the underlay's or a network's side of a node's), where packets
   * are only forwarded, never made by the kernel, and its offloads do not matter.
   */
  plain?: boolean;
  /** `ip` commands that go with each end once it is up (its bridge, its address), run with its own. */
  then?: { a?: readonly string[][]; b?: readonly string[][] };
}

/**
 * A veth pair made from end a: both ends up, with TX checksum offload off where the kernel sends
 * (end b; end a too on a plain link): packets entering the userspace datapath through AF_PACKET
 * otherwise carry partial checksums, and TCP, such as ovn-controller's to the SB database, silently
 * fails. OVS sends whole packets through its AF_PACKET socket, and a bridge forwards what arrives
 * as it is, so an end where only they send needs nothing (one `ethtool` fewer, in a namespace of
 * its own, for each VM and each node). The MTU when given.
 */
export async function veth(a: LinkEnd, b: LinkEnd, opts: VethOptions = {}): Promise<void> {
  for (const { end, argv } of vethCommands(a, b, opts)) await (end === 'a' ? a : b).run(argv);
}

/**
 * The commands of {@link veth}, each with the end it runs at, for runtimes that send them together:
 * each end's `ip` commands next to each other (a batch runs them as one `ip -batch`), the offloads
 * between them. Nothing sends on the link before its offload is off: end b is brought up after it,
 * and end a (a chassis' side or the underlay's) carries nothing until OVS or a VM starts.
 */
export function vethCommands(a: Omit<LinkEnd, 'run'>, b: Omit<LinkEnd, 'run'>, opts: VethOptions = {}): { end: 'a' | 'b'; argv: string[] }[] {
  const up = (e: Omit<LinkEnd, 'run'>) => ['ip', 'link', 'set', 'dev', e.dev, ...(opts.mtu ? ['mtu', String(opts.mtu)] : []), 'up'];
  const quiet = (e: Omit<LinkEnd, 'run'>) => ['ip', 'link', 'set', 'dev', e.dev, 'addrgenmode', 'none'];
  const at = (end: 'a' | 'b', argvs: readonly (readonly string[])[]) => argvs.map((argv) => ({ end, argv: [...argv] }));
  return [
    ...at('a', [
      ['ip', 'link', 'add', 'name', a.dev, ...(a.mac ? ['address', a.mac] : []), 'type', 'veth', 'peer', 'name', b.dev, ...(b.netns ? ['netns', b.netns] : []), ...(b.mac ? ['address', b.mac] : [])],
      ...(opts.plain ? [quiet(a)] : []),
      up(a),
      ...(opts.then?.a ?? []),
      ...(opts.plain ? [['ethtool', '-K', a.dev, 'tx', 'off']] : []),
    ]),
    ...at('b', [['ethtool', '-K', b.dev, 'tx', 'off'], ...(opts.quietIpv6 || opts.plain ? [quiet(b)] : []), up(b), ...(opts.then?.b ?? [])]),
  ];
}

/** A command in a named namespace: `ip -n NS …` for ip (one process), `ip netns exec NS …` for the rest. */
export function inNamespace(ns: string, argv: readonly string[]): string[] {
  return argv[0] === 'ip' ? ['ip', '-n', ns, ...argv.slice(1)] : ['ip', 'netns', 'exec', ns, ...argv];
}
