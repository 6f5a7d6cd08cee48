import { daemonStates, endByPidFile } from '../ovn/daemons.js';
import type { NodeShell } from '../ovn/node-shell.js';
import { formatIpv4, maskOf } from '../topology/net.js';
import type { Service } from '../features/services/model.js';

/** Files of a service in its node's run directory. */
function serviceFiles(runDir: string) {
  return { pid: `${runDir}/dnsmasq.pid`, leases: `${runDir}/dnsmasq.leases`, log: `${runDir}/dnsmasq.log` };
}

/**
 * dnsmasq as a DHCP server only, the way neutron's DHCP agent runs it: no DNS (port 0), no host
 * files read, a static range with one fixed address per VM MAC, so any number of servers on the
 * switch hand out the same addresses (DHCP HA is "more than one server").
 */
export function dnsmasqArgv(svc: Service, runDir: string): string[] {
  const f = serviceFiles(runDir);
  return [
    'dnsmasq',
    '--conf-file=/dev/null',
    '--no-resolv',
    '--no-hosts',
    '--port=0',
    ...svc.ranges.map((r) => `--interface=${r.iface}`),
    '--bind-interfaces',
    '--except-interface=lo',
    // A range per interface, tagged, so each subnet gets its own router option.
    ...svc.ranges.flatMap((r, i) => [
      `--dhcp-range=set:net${i},${formatIpv4(r.subnet.network)},static,${formatIpv4(maskOf(r.subnet.prefix))},${svc.leaseTime}s`,
      r.router ? `--dhcp-option=tag:net${i},option:router,${r.router}` : `--dhcp-option=tag:net${i},option:router`,
    ]),
    ...svc.ranges.flatMap((r) => r.hosts.map((h) => `--dhcp-host=${h.mac},${h.ip}`)),
    '--dhcp-authoritative',
    `--dhcp-leasefile=${f.leases}`,
    `--pid-file=${f.pid}`,
    `--log-facility=${f.log}`,
    '--log-dhcp',
  ];
}

/** Starts the service's daemon in its node (dnsmasq forks into the background and writes its pid file). */
export async function startService(node: NodeShell, svc: Service): Promise<void> {
  await node.run(dnsmasqArgv(svc, node.runDir));
}

/** Whether the service's daemon runs (by the PID in its pid file; a zombie has ended, as for every daemon). */
export async function serviceRunning(node: NodeShell): Promise<boolean> {
  const [state] = (await daemonStates(node, [{ name: 'dnsmasq', pidFile: serviceFiles(node.runDir).pid }])) ?? [];
  return state?.running ?? false;
}

/** Stops the service's daemon by the PID in its pid file and waits until it is gone; nothing to do when it is not running. */
export async function stopService(node: NodeShell): Promise<void> {
  if (!(await endByPidFile(node, serviceFiles(node.runDir).pid))) throw new Error(`dnsmasq in ${node.name} did not end within 5 s`);
}
