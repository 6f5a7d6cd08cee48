import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** The address of a backend ("10.70.0.11:8080", "[fd00::11]:80", "10.70.0.11") without its port. */
const addressOf = (backend: string) => (backend.startsWith('[') ? backend.slice(1, backend.indexOf(']')) : backend.replace(/:\d+$/, ''));

/**
 * Each load balancer with its VIPs, tied to the switches and routers it is attached to, and to
 * each backend VM (the ports it is reached on).
 */
export function drawLoadBalancers(lab: Lab, draw: GraphDraw): void {
  for (const lb of lab.loadBalancers) {
    draw.node('lb', lb.name, [`load balancer ${lb.name}`, ...lb.vips.map((v) => `${v.vip} → ${v.backends.length} backends`)]);
    for (const sw of lb.switches) draw.edge(draw.id('lb', lb.name), draw.id('switch', sw), 'ls-lb', 'logical');
    for (const r of lb.routers) draw.edge(draw.id('lb', lb.name), draw.id('router', r), 'lr-lb', 'logical');
    const backends = new Map<string, Set<string>>();
    for (const b of lb.vips.flatMap((v) => v.backends)) {
      const vm = lab.vms.find((v) => v.ip === addressOf(b) || v.ipv6?.ip === addressOf(b));
      if (!vm) continue;
      const ports = backends.get(vm.name) ?? new Set<string>();
      if (b !== addressOf(b)) ports.add(b.slice(b.lastIndexOf(':') + 1));
      backends.set(vm.name, ports);
    }
    for (const [vm, ports] of backends) draw.edge(draw.id('lb', lb.name), draw.id('vm', vm), `backend${ports.size ? ` :${[...ports].join(', :')}` : ''}`, 'route');
  }
}
