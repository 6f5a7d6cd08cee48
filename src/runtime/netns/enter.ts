import { basename } from 'node:path';
import { NETNS_RUN_DIR } from './processes.js';

/**
 * Programs that never look at /sys: OVS and OVN (whose only read there, a port's NUMA node, is of
 * no use to these ports), and the kernel's own tools that speak netlink, ioctl or /proc/sys.
 */
const NET_ONLY_PROGRAMS = /^(?:(?:ovs|ovn|ovsdb)-.+|ethtool|sysctl|ip|renice)$/;

/** How nsenter names a named namespace's file: `--net=/run/netns/<ns>`. */
const NET_FLAG = `--net=${NETNS_RUN_DIR}/`;

/** Whether every program of the command (or of its batch) is one of {@link NET_ONLY_PROGRAMS}. */
export function netOnlyCommand(argv: readonly string[], batch?: readonly (readonly string[])[]): boolean {
  return (batch ?? [argv]).every((a) => a[0] !== undefined && NET_ONLY_PROGRAMS.test(basename(a[0])));
}

/**
 * A command in a named network namespace.
 *
 * `ip netns exec` gives each command a mount namespace of its own, so that /sys shows the
 * namespace's links. That mount namespace is a copy of the host's mount table, where every named
 * namespace is a mount of its own; it lives as long as the processes in it (a chassis' daemons, a
 * VM's dhclient), and each namespace added later is mounted into every one of them. A lab of N
 * chassis kept 3N of them with 3N namespaces in each: O(N²) mounts, kernel memory and time (here,
 * 1000 processes over 500 namespaces held 218 MiB more slab than the same entered with nsenter, and
 * each namespace added then took 14 ms instead of 5). Commands that never look at /sys enter the
 * network namespace alone. Users' commands, captures and terminals keep `ip netns exec`: what they
 * read in /sys is the node's.
 */
export function enterNamespace(ns: string, argv: readonly string[], netOnly: boolean): string[] {
  return netOnly ? ['nsenter', `${NET_FLAG}${ns}`, ...argv] : ['ip', 'netns', 'exec', ns, ...argv];
}

/** The namespace a command made by {@link enterNamespace} runs in, and the command; undefined for any other. */
export function enteredNamespace(argv: readonly string[]): { ns: string; argv: readonly string[] } | undefined {
  const [a, b, c, ns] = argv;
  if (a === 'ip' && b === 'netns' && c === 'exec' && ns) return { ns, argv: argv.slice(4) };
  const net = a === 'nsenter' && b?.startsWith(NET_FLAG) ? b.slice(NET_FLAG.length) : undefined;
  return net ? { ns: net, argv: argv.slice(2) } : undefined;
}
