import type { VmIpv6 } from '../features/ipv6/model.js';
import { waitInNode, type NodeShell } from '../ovn/node-shell.js';
import { requestLease } from './lease.js';

/** How long a VM waits for the router's advertisement and its address (seconds). */
const RA_WAIT = 15;

/**
 * A VM's IPv6 address on eth0. Static: set without duplicate address detection, with the router
 * as gateway. SLAAC and DHCPv6: eth0 goes down and up so the kernel solicits a router again now
 * that its port is bound (its first solicitation went out before), then lab waits for what the
 * advertisement brings (the default route, the SLAAC address) and, for DHCPv6, asks with dhclient -6.
 * Must run before IPv4 addressing: taking the link down drops IPv4 routes.
 */
export async function addressVm6(vm: NodeShell, spec: VmIpv6): Promise<void> {
  if (spec.mode === 'static') {
    await vm.run(['ip', '-6', 'addr', 'add', `${spec.ip}/${spec.prefix}`, 'dev', 'eth0', 'nodad']);
    if (spec.gateway) await vm.run(['ip', '-6', 'route', 'add', 'default', 'via', spec.gateway, 'dev', 'eth0']);
    return;
  }
  await vm.run(['ip', 'link', 'set', 'dev', 'eth0', 'down']);
  await vm.run(['ip', 'link', 'set', 'dev', 'eth0', 'up']);
  if (spec.mode === 'dhcpv6') {
    await waitFor(vm, 'ip -6 -o addr show dev eth0 scope link -tentative | grep -q fe80::', 'link-local address (dhclient -6 sends from it)');
    await requestLease(vm, 'eth0', { family: 6 });
  }
  await waitFor(vm, "ip -6 route show default | grep -q 'default via'", "default route from the router's advertisement");
  await waitFor(vm, `ip -6 -o addr show dev eth0 scope global -tentative | grep -qF ' ${spec.ip}/'`, `address ${spec.ip}`);
}

/** Waits, in the VM, until a shell condition holds (one process, and a plain loop in `lab script`), or fails saying what never came. */
async function waitFor(vm: NodeShell, condition: string, what: string): Promise<void> {
  if (await waitInNode(vm, condition, RA_WAIT)) return;
  const now = await vm.run(['ip', '-6', '-o', 'addr', 'show', 'dev', 'eth0'], { nothrow: true });
  throw new Error(`${vm.name}: no ${what} after ${RA_WAIT} s (eth0 has: ${now.stdout.trim().replace(/\s+/g, ' ') || 'no IPv6 address'})`);
}
