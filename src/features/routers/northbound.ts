import { quoted } from '../../base/ovsdb.js';
import { logicalSwitchOf, type Lab } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';
import type { LogicalRouter } from './model.js';

/** Each router in a unit of its own (its switch ports on the switches, after every VM's and host's port). */
export function routerUnits(lab: Lab, unit: () => NbCommand): void {
  for (const r of lab.routers) routerUnit(r, unit, (name) => logicalSwitchOf(lab, name));
}

/** A router: its options, its ports with their switch side, routes, policies and NAT. */
function routerUnit(r: LogicalRouter, unit: () => NbCommand, ls: (name: string) => string): void {
  const cmd = unit();
  cmd('lr-add', r.name);
  // A gateway router runs whole on one chassis; other options as the file gives them.
  const options = [...(r.chassis ? [['chassis', r.chassis] as const] : []), ...Object.entries(r.options)];
  if (options.length) cmd('set', 'Logical_Router', r.name, ...options.map(([k, v]) => `options:${k}=${quoted(v)}`));
  for (const p of r.ports) {
    cmd('lrp-add', r.name, p.name, p.mac, ...(p.ip ? [`${p.ip}/${p.prefix}`] : []), ...(p.ip6 ? [`${p.ip6}/${p.prefix6}`] : []));
    // Router advertisements, answered to router solicitations (VMs solicit when their link comes up).
    if (p.ra) cmd('set', 'Logical_Router_Port', p.name, `ipv6_ra_configs:address_mode=${p.ra}`);
    cmd('lsp-add', ls(p.switch), p.switchPort);
    cmd('lsp-set-type', p.switchPort, 'router');
    cmd('lsp-set-addresses', p.switchPort, 'router');
    cmd('lsp-set-options', p.switchPort, `router-port=${p.name}`);
    // Highest priority first: the first chassis listed is the active gateway.
    (p.gatewayChassis ?? []).forEach((c, i, all) => cmd('lrp-set-gateway-chassis', p.name, c, String((all.length - i) * 10)));
  }
  for (const route of r.routes) {
    const flags = [...(route.policy === 'src-ip' ? ['--policy=src-ip'] : []), ...(route.nexthops.length > 1 ? ['--ecmp'] : [])];
    for (const nh of route.nexthops) cmd(...flags, 'lr-route-add', r.name, route.prefix, nh, ...(route.port ? [route.port] : []));
  }
  for (const p of r.policies) cmd('lr-policy-add', r.name, String(p.priority), p.match, p.action, ...(p.nexthops ? [p.nexthops.join(',')] : []));
  for (const n of r.nat) {
    cmd(...(n.gatewayPort ? [`--gateway-port=${n.gatewayPort}`] : []), 'lr-nat-add', r.name, n.type, n.externalIp, n.logicalIp, ...(n.logicalPort && n.externalMac ? [n.logicalPort, n.externalMac] : []));
  }
}
