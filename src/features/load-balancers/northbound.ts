import { quoted } from '../../base/ovsdb.js';
import { logicalSwitchOf, type Lab } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';
import type { LoadBalancer } from './model.js';

/** Each load balancer in a unit of its own: its VIPs, options, health checks, and where it is attached. */
export function loadBalancerUnits(lab: Lab, unit: () => NbCommand): void {
  for (const lb of lab.loadBalancers) {
    const cmd = unit();
    for (const v of lb.vips) cmd('lb-add', lb.name, v.vip, v.backends.join(','), ...protocolOf(lb, v.vip));
    const options = Object.entries(lb.options);
    if (options.length) cmd('set', 'Load_Balancer', lb.name, ...options.map(([k, v]) => `options:${k}=${quoted(v)}`));
    const hc = lb.healthCheck;
    if (hc) {
      // A health check per VIP with a port; backends are probed through their logical port from `source`.
      lb.vips
        .filter((v) => hasPort(v.vip))
        .forEach((v, i) => {
          const id = `@hc_${lb.name.replace(/[^A-Za-z0-9]/g, '_')}_${i}`;
          cmd(`--id=${id}`, 'create', 'Load_Balancer_Health_Check', `vip=${quoted(v.vip)}`, ...Object.entries(hc.options).map(([k, val]) => `options:${k}=${quoted(val)}`));
          cmd('add', 'Load_Balancer', lb.name, 'health_check', id);
        });
      cmd('set', 'Load_Balancer', lb.name, ...Object.entries(hc.mappings).map(([ip, m]) => `ip_port_mappings:${quoted(ip)}=${quoted(m)}`));
    }
    for (const sw of lb.switches) cmd('ls-lb-add', logicalSwitchOf(lab, sw), lb.name);
    for (const r of lb.routers) cmd('lr-lb-add', r, lb.name);
  }
}

/** Whether a VIP names a port ("10.60.0.100:80") or is an address alone. */
const hasPort = (vip: string): boolean => vip.includes(':');

/** The protocol argument of lb-add: none for a VIP without a port, which balances every protocol (ovn-nbctl refuses one). */
const protocolOf = (lb: LoadBalancer, vip: string): string[] => (hasPort(vip) ? [lb.protocol] : []);
