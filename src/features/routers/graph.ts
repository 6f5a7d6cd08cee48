import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';
import type { LogicalRouter } from './model.js';

/** The node of whoever has this address: a router's port, a VM (any of its NICs) or a host; none when it is outside the file. */
function holder(lab: Lab, draw: GraphDraw, ip: string): string | undefined {
  const router = lab.routers.find((r) => r.ports.some((p) => p.ip === ip || p.ip6 === ip));
  if (router) return draw.id('router', router.name);
  const vm = lab.vms.find((v) => v.ip === ip || v.ipv6?.ip === ip || (v.nics ?? []).some((n) => n.ip === ip));
  if (vm) return draw.id('vm', vm.name);
  const host = lab.hosts.find((h) => h.ip === ip);
  return host ? draw.id('host', host.name) : undefined;
}

/**
 * Its routes and reroute policies as arrows to their next hops (another router, a VM that routes,
 * a host), labelled with what they match; a next hop outside the file, and allow/drop policies, as
 * lines of the router's own label.
 */
function drawForwarding(lab: Lab, r: LogicalRouter, draw: GraphDraw): string[] {
  const unplaced: string[] = [];
  const arrow = (what: string, hops: string[]) => {
    for (const hop of hops) {
      const to = holder(lab, draw, hop);
      if (to) draw.edge(draw.id('router', r.name), to, what, 'route');
      else unplaced.push(`${what} → ${hop}`);
    }
  };
  for (const route of r.routes) arrow(`${route.policy === 'src-ip' ? 'src-ip ' : ''}${route.prefix}`, route.nexthops);
  for (const p of r.policies) {
    if (p.action === 'reroute') arrow(`policy ${p.priority}: ${p.match}`, p.nexthops ?? []);
    else unplaced.push(`policy ${p.priority}: ${p.match} ${p.action}`);
  }
  return unplaced;
}

/**
 * Each router with its gateway chassis and NAT, tied to the switches of its ports (their addresses,
 * their gateway chassis); its routes to their next hops, and each floating IP (dnat_and_snat) to its VM.
 */
export function drawRouters(lab: Lab, draw: GraphDraw): void {
  for (const r of lab.routers) {
    const label = [`router ${r.name}`, ...(r.chassis ? [`gateway router on ${r.chassis}`] : []), ...r.nat.map((n) => `${n.type} ${n.externalIp}`)];
    draw.node('router', r.name, label);
    for (const p of r.ports) draw.edge(draw.id('router', r.name), draw.id('switch', p.switch), `${[p.ip, p.ip6].filter(Boolean).join(', ')}${p.gatewayChassis ? ` (gateway on ${p.gatewayChassis.join(', ')})` : ''}`, 'logical');
    label.push(...drawForwarding(lab, r, draw));
    for (const n of r.nat) {
      const vm = n.type === 'snat' ? undefined : lab.vms.find((v) => v.ip === n.logicalIp);
      if (vm) draw.edge(draw.id('router', r.name), draw.id('vm', vm.name), `${n.type === 'dnat' ? 'DNAT' : 'floating IP'} ${n.externalIp}`, 'nat');
    }
  }
}
