import { defineFeature } from '../feature.js';
import { drawRouters } from './graph.js';
import { macBindingSpec } from './mac-binding.js';
import './model.js';
import { routerUnits } from './northbound.js';
import { resolveRouters } from './resolve.js';
import { checkRouters } from './rules.js';
import { routerShape } from './schema.js';

/** Logical routers: their ports on the switches, static routes, policies and NAT. */
export const routers = defineFeature({
  name: 'routers',
  shape: routerShape,
  // Where routers were in the file, in the lab, and among the rules (their ports' addresses claimed before localports', services' and hosts').
  keysAfter: 'switches',
  rules: checkRouters,
  rulesAfter: 'vms',
  resolve: (t, lab) => ({ routers: resolveRouters(t, lab.vms) }),
  northbound: routerUnits,
  graph: drawRouters,
  checks: [{ spec: macBindingSpec, probe: () => import('./mac-binding.probe.js').then((m) => m.macBindingProbe) }],
});
