import { vmAddress, vmGateway } from '../../vm/address.js';
import { dhclientPaths } from '../../vm/vm.js';
import type { CheckProbe } from '../check.js';
import { parseLastLease, prefixOfNetmask } from '../lease.js';
import { wanted, type DhcpCheck } from '../../topology/checks/dhcp.js';

export const dhcpProbe: CheckProbe<DhcpCheck> = {
  kind: 'dhcp',
  async attempt(spec, ctx) {
    const w = wanted(spec, ctx.lab);
    const vm = ctx.node(spec.vm);
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
      (w.mtu === undefined || lease.mtu === w.mtu) &&
      (w.server === undefined || lease.server === w.server) &&
      (w.default_route === undefined || gateway === w.default_route);
    return { ok, seen };
  },
};
