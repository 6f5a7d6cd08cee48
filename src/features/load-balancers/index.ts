import { defineFeature } from '../feature.js';
import { drawLoadBalancers } from './graph.js';
import './model.js';
import { loadBalancerUnits } from './northbound.js';
import { resolveLoadBalancers } from './resolve.js';
import { checkLoadBalancers } from './rules.js';
import { loadBalancerShape } from './schema.js';
import { serviceMonitorSpec } from './service-monitor.js';

/** OVN load balancers: VIPs over VM backends, on switches and routers, with health checks. */
export const loadBalancers = defineFeature({
  name: 'load-balancers',
  shape: loadBalancerShape,
  rules: checkLoadBalancers,
  resolve: (t) => ({ loadBalancers: resolveLoadBalancers(t) }),
  northbound: loadBalancerUnits,
  graph: drawLoadBalancers,
  checks: [{ spec: serviceMonitorSpec, probe: () => import('./service-monitor.probe.js').then((m) => m.serviceMonitorProbe) }],
});
