import type { CheckProbe } from '../../checks/check.js';
import { serviceMonitors } from '../../ovn/learned.js';
import { backendText, monitoredBackends, type ServiceMonitorCheck } from './service-monitor.js';

export const serviceMonitorProbe: CheckProbe<ServiceMonitorCheck> = {
  kind: 'service_monitor',
  async attempt(spec, ctx) {
    const rows = await serviceMonitors(ctx.central());
    if (!rows) return { ok: false, seen: 'the SB database did not answer' };
    const [backend] = monitoredBackends(spec, ctx.lab);
    if (!backend) return { ok: false, seen: `'${spec.backend}' is not a health-checked backend` };
    // One row for each backend and protocol: the load balancers of one protocol share it.
    const row = rows.find((r) => r.ip === backend.ip && r.port === backend.port && r.logicalPort === backend.logicalPort);
    if (!row) return { ok: false, seen: `${backendText(backend)}: no Service_Monitor row (northd writes one for each health-checked backend)` };
    return { ok: row.status === spec.status, seen: `${backendText(backend)} ${row.status || 'no status yet (not probed)'}` };
  },
};
