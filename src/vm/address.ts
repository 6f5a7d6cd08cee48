import type { NodeShell } from '../ovn/node-shell.js';
import { canonical6 } from '../topology/net6.js';

/** The IPv4 address/prefix on a VM's interface, or undefined when it has none. */
export async function vmAddress(vm: NodeShell, iface = 'eth0'): Promise<string | undefined> {
  const out = await vm.run(['ip', '-4', '-o', 'addr', 'show', 'dev', iface], { nothrow: true });
  return /inet (\S+)/.exec(out.stdout)?.[1];
}

/** The default gateway of a VM, or undefined. */
export async function vmGateway(vm: NodeShell): Promise<string | undefined> {
  const out = await vm.run(['ip', '-4', 'route', 'show', 'default'], { nothrow: true });
  return /default via (\S+)/.exec(out.stdout)?.[1];
}

/** The global IPv6 addresses on a VM's interface (canonical, without prefix). */
export async function vmAddresses6(vm: NodeShell, iface = 'eth0'): Promise<string[]> {
  const out = await vm.run(['ip', '-6', '-o', 'addr', 'show', 'dev', iface, 'scope', 'global'], { nothrow: true });
  return [...out.stdout.matchAll(/inet6 ([0-9a-f:]+)\//g)].map((m) => canonical6(m[1]!));
}
