import { defineFeature } from '../feature.js';
import { bfdSpec } from './bfd-check.js';
import { gatewaySpec } from './gateway-check.js';
import { drawGatewayHa } from './graph.js';
import './model.js';
import { gatewayHaUnits } from './northbound.js';
import { resolveGatewayHa } from './resolve.js';
import { checkGatewayHa } from './rules.js';
import { gatewayHaShape } from './schema.js';

/**
 * Gateway high availability: HA chassis groups for router ports, OVS BFD's timers, and the checks of
 * where a gateway port is resident and of the BFD sessions that decide it.
 */
export const gatewayHa = defineFeature({
  name: 'gateway-ha',
  shape: gatewayHaShape,
  rules: (t, _book, at) => checkGatewayHa(t as Parameters<typeof checkGatewayHa>[0], at),
  resolve: (t) => resolveGatewayHa(t),
  northbound: gatewayHaUnits,
  graph: drawGatewayHa,
  checks: [
    { spec: gatewaySpec, probe: () => import('./gateway.probe.js').then((m) => m.gatewayProbe) },
    { spec: bfdSpec, probe: () => import('./bfd.probe.js').then((m) => m.bfdProbe) },
  ],
});
