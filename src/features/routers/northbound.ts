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
    const ecmp = route.ecmpSymmetricReply ? ['--ecmp-symmetric-reply'] : route.nexthops.length > 1 ? ['--ecmp'] : [];
    const flags = [...(route.policy === 'src-ip' ? ['--policy=src-ip'] : []), ...ecmp];
    for (const nh of route.nexthops) cmd(...flags, 'lr-route-add', r.name, route.prefix, nh, ...(route.port ? [route.port] : []));
  }
  for (const p of r.policies) cmd('lr-policy-add', r.name, String(p.priority), p.match, p.action, ...(p.nexthops ? [p.nexthops.join(',')] : []));
  for (const n of r.nat) natCommands(r.name, n, cmd);
}

/** A NAT rule: lr-nat-add, or (allowed for some external addresses only) its row with its own Address_Set. */
function natCommands(router: string, n: LogicalRouter['nat'][number], cmd: NbCommand): void {
  const allowed = n.allowedExtIps;
  if (!allowed) {
    const flags = [...(n.addRoute ? ['--add-route'] : []), ...(n.gatewayPort ? [`--gateway-port=${n.gatewayPort}`] : [])];
    cmd(...flags, 'lr-nat-add', router, n.type, n.externalIp, n.logicalIp, ...(n.logicalPort && n.externalMac ? [n.logicalPort, n.externalMac] : []));
    return;
  }
  // lr-nat-add cannot refer to an Address_Set: the row is made whole, with what lr-nat-add would set.
  // Symbols of one transaction: the set's name is the router's own and its rule's index.
  const id = `@${allowed.set}`;
  cmd(`--id=${id}_ips`, 'create', 'Address_Set', `name=${allowed.set}`, `addresses=[${allowed.addresses.map(quoted).join(',')}]`);
  if (n.gatewayPort) cmd(`--id=${id}_gw`, 'get', 'Logical_Router_Port', n.gatewayPort);
  cmd(
    `--id=${id}`,
    'create',
    'NAT',
    `type=${n.type}`,
    `external_ip=${quoted(n.externalIp)}`,
    `logical_ip=${quoted(n.logicalIp)}`,
    `allowed_ext_ips=${id}_ips`,
    ...(n.logicalPort && n.externalMac ? [`logical_port=${quoted(n.logicalPort)}`, `external_mac=${quoted(n.externalMac)}`] : []),
    ...(n.gatewayPort ? [`gateway_port=${id}_gw`] : []),
    ...(n.addRoute ? ['options:add_route=true'] : []),
  );
  cmd('add', 'Logical_Router', router, 'nat', id);
}
