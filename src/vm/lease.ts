import type { NodeShell } from '../ovn/node-shell.js';
import type { Runtime } from '../runtime/runtime.js';
import { DHCLIENT_CONF, DHCLIENT_SCRIPT, dhclientPaths, dhclientWrapper } from './dhclient-files.js';

/**
 * Gets an interface of a VM its lease with dhclient (one attempt, then dhclient stays as a daemon
 * to renew), DHCPv4 or, with family 6, DHCPv6. Returns dhclient's output, which is also saved next
 * to the lease file.
 */
export async function requestLease(runtime: Runtime, vm: NodeShell, iface = 'eth0', opts: { family?: 4 | 6; timeoutSec?: number } = {}): Promise<string> {
  const family = opts.family ?? 4;
  const p = dhclientPaths(vm.runDir, iface, family);
  await runtime.writeFiles(vm.name, [
    { path: p.script, content: DHCLIENT_SCRIPT, mode: 0o755 },
    { path: p.conf, content: DHCLIENT_CONF },
    { path: p.wrapper, content: dhclientWrapper(dhclientPaths(vm.runDir)), mode: 0o755 },
  ]);
  // eth0's DHCPv4 goes through the wrapper users type too; the rest names its own files.
  const argv =
    iface === 'eth0' && family === 4
      ? [p.wrapper, '-1', '-v', 'eth0']
      : ['/sbin/dhclient', ...(family === 6 ? ['-6'] : []), '-cf', p.conf, '-sf', p.script, '-lf', p.leases, '-pf', p.pid, '-1', '-v', iface];
  const out = await vm.run(['timeout', String(opts.timeoutSec ?? (family === 6 ? 20 : 40)), ...argv], { nothrow: true });
  const log = out.stdout + out.stderr;
  await runtime.writeFile(vm.name, p.log, log);
  if (!out.ok) throw out;
  return log;
}
