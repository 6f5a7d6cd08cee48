import { vmAddress, vmAddresses6, vmGateway } from '../../vm/address.js';
import { dhclientPaths } from '../../vm/dhclient-files.js';
import type { CheckProbe } from '../check.js';
import { parseLastLease, parseLastLease6, prefixOfNetmask } from '../lease.js';
import type { NodeShell } from '../../ovn/node-shell.js';
import { canonical6 } from '../../topology/net6.js';
import { wanted, type DhcpCheck } from '../../topology/checks/dhcp.js';

export const dhcpProbe: CheckProbe<DhcpCheck> = {
  kind: 'dhcp',
  async attempt(spec, ctx) {
    const w = wanted(spec, ctx.lab);
    const vm = ctx.node(spec.vm);
    if (spec.family === 6) return lease6(vm, w);
    if (spec.expect === 'none') {
      // A request that must go unanswered: a throwaway lease file and no script, so the VM keeps its
      // address. Answered, dhclient stays as a daemon: it is ended by the pid it wrote.
      const pid = `${vm.runDir}/dhclient-probe.pid`;
      const asked = await vm.run(['timeout', '5', '/sbin/dhclient', '-1', '-sf', '/bin/true', '-lf', '/dev/null', '-pf', pid, spec.interface], { nothrow: true });
      if (asked.ok) await vm.run(['sh', '-c', 'kill "$(cat "$1")"; rm -f "$1"', 'sh', pid], { nothrow: true });
      return { ok: !asked.ok, seen: asked.ok ? `a DHCP server answered ${spec.vm}'s request on ${spec.interface}` : `no answer on ${spec.interface} within 5 s` };
    }
    const files = dhclientPaths(vm.runDir, spec.interface);
    if (spec.renew) {
      const argv = ['/sbin/dhclient', '-cf', files.conf, '-sf', files.script, '-lf', files.leases, '-pf', files.pid, '-1', spec.interface];
      const renewed = await vm.run(['timeout', '20', ...argv], { nothrow: true });
      if (!renewed.ok) return { ok: false, seen: `dhclient -1 ${spec.interface} got no lease (exit ${renewed.exitCode})` };
    }
    const file = await vm.run(['cat', files.leases], { nothrow: true });
    const lease = parseLastLease(file.stdout);
    const [onLink, gateway] = await Promise.all([vmAddress(vm, spec.interface), vmGateway(vm)]);
    if (!lease?.address) return { ok: false, seen: `no lease yet (${spec.interface} ${onLink ?? 'has no address'})` };
    const leased = `${lease.address}/${lease.netmask ? prefixOfNetmask(lease.netmask) : '?'}`;
    const seen = [
      `lease ${leased}`,
      `router ${lease.routers ?? 'none'}`,
      `lease_time ${lease.leaseTime ?? 'none'}`,
      `mtu ${lease.mtu ?? 'none'}`,
      `server ${lease.server ?? 'none'}`,
      `${spec.interface} ${onLink ?? 'no address'}`,
      `default via ${gateway ?? 'none'}`,
    ].join(', ');
    const ok =
      leased === w.address &&
      onLink === w.address &&
      (w.router === undefined || (lease.routers ?? 'none') === w.router) &&
      (w.lease_time === undefined || lease.leaseTime === w.lease_time) &&
      (w.mtu === undefined || (lease.mtu ?? 'none') === w.mtu) &&
      (w.server === undefined || lease.server === w.server) &&
      (w.default_route === undefined || gateway === w.default_route) &&
      (w.dns_server === undefined || lease.dns === w.dns_server);
    return { ok, seen: seen + (w.dns_server !== undefined ? `, dns ${lease.dns ?? 'none'}` : '') };
  },
};

/** The DHCPv6 lease of eth0, and the address on it. */
async function lease6(vm: NodeShell, w: ReturnType<typeof wanted>): Promise<{ ok: boolean; seen: string }> {
  const file = await vm.run(['cat', dhclientPaths(vm.runDir, 'eth0', 6).leases], { nothrow: true });
  const lease = parseLastLease6(file.stdout);
  const onLink = await vmAddresses6(vm);
  if (!lease?.address) return { ok: false, seen: `no DHCPv6 lease yet (eth0 has ${onLink.join(', ') || 'no global IPv6 address'})` };
  const address = canonical6(lease.address);
  const dns = lease.dns
    ?.split(',')
    .map((a) => canonical6(a.trim()))
    .join(',');
  const seen = `lease ${address}, server DUID MAC ${lease.serverMac ?? 'none'}, dns ${dns ?? 'none'}, eth0 ${onLink.join(', ') || 'no global IPv6 address'}`;
  const ok = address === w.address && onLink.includes(address) && (w.server_mac === undefined || lease.serverMac === w.server_mac) && (w.dns_server === undefined || dns === canonical6(w.dns_server));
  return { ok, seen };
}
