import type { Vm } from '../topology/model.js';
import type { NodeShell } from '../ovn/node-shell.js';
import { DHCLIENT_CONF, DHCLIENT_SCRIPT, dhclientWrapper } from './dhclient-files.js';
import type { Runtime } from '../runtime/runtime.js';

/** Plugs a VM's chassis-side veth into br-int, bound to its logical switch port by iface-id. */
export async function plugVm(chassis: NodeShell, vm: Vm): Promise<void> {
  await chassis.run(['ovs-vsctl', '--timeout=30', 'wait-until', 'Bridge', 'br-int']);
  await chassis.run([
    'ovs-vsctl', '--timeout=30',
    '--', '--may-exist', 'add-port', 'br-int', vm.name,
    '--', 'set', 'Interface', vm.name, `external_ids:iface-id=${vm.port}`,
  ]);
}

/** Files of a VM's DHCP client, all in the VM's run directory. */
export function dhclientPaths(runDir: string) {
  return {
    wrapper: `${runDir}/bin/dhclient`,
    script: `${runDir}/dhclient-script`,
    conf: `${runDir}/dhclient.conf`,
    leases: `${runDir}/dhclient.leases`,
    pid: `${runDir}/dhclient.pid`,
    log: `${runDir}/dhclient.log`,
  };
}

/**
 * Gets the VM its lease with dhclient (one attempt, then dhclient stays as a daemon to renew).
 * Returns dhclient's output, which is also saved next to the lease file.
 */
export async function requestLease(runtime: Runtime, vm: NodeShell, timeoutSec = 40): Promise<string> {
  const p = dhclientPaths(vm.runDir);
  await runtime.writeFile(vm.name, p.script, DHCLIENT_SCRIPT, 0o755);
  await runtime.writeFile(vm.name, p.conf, DHCLIENT_CONF);
  await runtime.writeFile(vm.name, p.wrapper, dhclientWrapper(p), 0o755);
  const out = await vm.run(['timeout', String(timeoutSec), p.wrapper, '-1', '-v', 'eth0'], { nothrow: true });
  const log = out.stdout + out.stderr;
  await runtime.writeFile(vm.name, p.log, log);
  if (!out.ok) throw out;
  return log;
}

/** Static addressing for a VM without DHCP. */
export async function setStaticAddress(vm: NodeShell, spec: Vm): Promise<void> {
  await vm.run(['ip', 'addr', 'add', `${spec.ip}/${spec.prefix}`, 'dev', 'eth0']);
  if (spec.gateway) await vm.run(['ip', 'route', 'add', 'default', 'via', spec.gateway, 'dev', 'eth0']);
}
