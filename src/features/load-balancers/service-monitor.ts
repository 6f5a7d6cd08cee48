import * as z from 'zod';
import { checkFields } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import type { Lab } from '../../topology/model.js';

const schema = z.strictObject({
  ...checkFields('service_monitor'),
  backend: z.string().min(1).describe("the health-checked backend: a VM of a load balancer's VIPs, or its address, with :PORT when it serves several health-checked ports (web3, web3:8080, 10.70.0.13:8080)"),
  load_balancer: z.string().optional().describe('the load balancer whose health check it is (default: every one with a health_check)'),
  status: z.enum(['online', 'offline']).describe("what the SB Service_Monitor row of the backend says: online (its last probes were answered, it is in the VIP's backends) or offline (they were not, it is out); waits until it does"),
});
export type ServiceMonitorCheck = z.infer<typeof schema>;

/** A backend as OVN's Service_Monitor rows name it: address and port, and its logical port. */
export interface MonitoredBackend {
  ip: string;
  port: number;
  logicalPort: string;
}

/** The health-checked backends (address:port, with the logical port OVN probes through) a check may mean. */
function healthChecked(spec: ServiceMonitorCheck, lab: Lab): MonitoredBackend[] {
  const found = new Map<string, MonitoredBackend>();
  for (const lb of lab.loadBalancers.filter((l) => l.healthCheck && (spec.load_balancer === undefined || l.name === spec.load_balancer))) {
    for (const b of lb.vips.filter((v) => v.vip.includes(':')).flatMap((v) => v.backends)) {
      const [ip = '', port = ''] = b.split(':');
      const mapping = lb.healthCheck?.mappings[ip];
      if (mapping !== undefined && port) found.set(b, { ip, port: Number(port), logicalPort: mapping.split(':')[0] ?? '' });
    }
  }
  return [...found.values()];
}

/** The backends a check's backend: names (a VM, or an address, each with or without :PORT). */
export function monitoredBackends(spec: ServiceMonitorCheck, lab: Lab): MonitoredBackend[] {
  const [name = '', port] = spec.backend.split(':');
  const ip = lab.vms.find((v) => v.name === name)?.ip ?? name;
  return healthChecked(spec, lab).filter((b) => b.ip === ip && (port === undefined || String(b.port) === port));
}

/** How a backend shows in what a check expects and sees. */
export function backendText(b: MonitoredBackend): string {
  return `${b.ip}:${b.port} (${b.logicalPort})`;
}

function problems(spec: ServiceMonitorCheck, lab: Lab): CheckProblem[] {
  const withHc = lab.loadBalancers.filter((l) => l.healthCheck).map((l) => l.name);
  if (spec.load_balancer !== undefined && !withHc.includes(spec.load_balancer)) {
    return [{ field: 'load_balancer', message: `'${spec.load_balancer}' is not a load balancer with a health_check (those in this lab: ${withHc.join(', ') || 'none'})` }];
  }
  if (!withHc.length) return [{ field: 'backend', message: 'the lab has no load balancer with a health_check: OVN writes Service_Monitor rows only for health-checked backends' }];
  const found = monitoredBackends(spec, lab);
  const all = healthChecked(spec, lab).map((b) => `${b.ip}:${b.port}`);
  if (!found.length) return [{ field: 'backend', message: `'${spec.backend}' is not a health-checked backend (those in this lab: ${all.join(', ')}; a VM name, or an address, with :PORT or not)` }];
  if (found.length > 1) return [{ field: 'backend', message: `'${spec.backend}' is health-checked on several ports: say which (${found.map((b) => `${spec.backend}:${b.port}`).join(', ')})` }];
  return [];
}

export const serviceMonitorSpec: CheckSpecKind<ServiceMonitorCheck> = {
  kind: 'service_monitor',
  summary: "a load balancer's health check says a backend is online or offline (its SB Service_Monitor row; waits until it does)",
  schema,
  validate: problems,
  negative: () => false,
  expected: (spec, lab) =>
    monitoredBackends(spec, lab)
      .map((b) => `${backendText(b)} ${spec.status}`)
      .join(', '),
};
