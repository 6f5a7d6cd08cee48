import { NET_ONLY, waitLoop, type NodeShell } from '../ovn/node-shell.js';
import { shellLine } from '../base/shell-line.js';
import { DHCLIENT_CONF, DHCLIENT_SCRIPT, dhclientPaths, dhclientWrapper } from './dhclient-files.js';

/** What a lease request gave: dhclient's output, and for DHCPv4 the address the interface then has. */
export interface Lease {
  log: string;
  address?: string;
}

const ADDRESS_FOLLOWS = '--- lab: the address now';

/**
 * Gets an interface of a VM its lease with dhclient (one attempt, then dhclient stays as a daemon
 * to renew), DHCPv4 or, with family 6, DHCPv6. dhclient's output is also saved next to the lease
 * file. Its files, the request and the address it leaves are one process in the VM.
 */
export async function requestLease(vm: NodeShell, iface = 'eth0', opts: { family?: 4 | 6; timeoutSec?: number } = {}): Promise<Lease> {
  const family = opts.family ?? 4;
  const p = dhclientPaths(vm.runDir, iface, family);
  const files = [
    { path: p.script, content: DHCLIENT_SCRIPT, mode: 0o755 },
    { path: p.conf, content: DHCLIENT_CONF },
    { path: p.wrapper, content: dhclientWrapper(dhclientPaths(vm.runDir)), mode: 0o755 },
  ];
  // dhclient itself, with the files the wrapper users type names (no shell before it: a process
  // costs). lab made the link up: its script need not (LAB_LINK_UP, see DHCLIENT_SCRIPT).
  const argv = ['/sbin/dhclient', ...(family === 6 ? ['-6'] : []), '-cf', p.conf, '-sf', p.script, '-lf', p.leases, '-pf', p.pid, '-e', 'LAB_LINK_UP=1', '-1', '-v', iface];
  const log = shellLine([p.log]);
  const showAddress = family === 4 ? `; echo '${ADDRESS_FOLLOWS}'; ip -4 -o addr show dev ${shellLine([iface])}` : '';
  // With its lease, dhclient forks the daemon that renews it and exits; the daemon writes its pid
  // file a moment later. Until then `lab status` finds no dhclient running (the lab DEGRADED), so
  // the request returns once the pid file names a live process (a second at most), read by the
  // shell itself: no process for each look.
  const daemon = `[ $s = 0 ] && ${waitLoop(`read -r pid 2>/dev/null < ${shellLine([p.pid])} && kill -0 "$pid" 2>/dev/null`, 1, 0.02)}`;
  // dhclient's output, read back by the shell itself (no `cat`).
  const script = `timeout "$0" "$@" > ${log} 2>&1 && s=0 || s=$?; ${daemon}; while IFS= read -r l || [ -n "$l" ]; do printf '%s\\n' "$l"; done < ${log}${showAddress}; exit $s`;
  const out = await vm.run(['sh', '-c', script, String(opts.timeoutSec ?? (family === 6 ? 20 : 40)), ...argv], { ...NET_ONLY, nothrow: true, files });
  if (!out.ok) throw out;
  const [text, shown] = out.stdout.split(`${ADDRESS_FOLLOWS}\n`);
  const address = shown === undefined ? undefined : /inet (\S+)/.exec(shown)?.[1];
  return { log: text ?? '', ...(address ? { address } : {}) };
}
