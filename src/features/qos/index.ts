import { defineFeature } from '../feature.js';
import { drawQos } from './graph.js';
import './model.js';
import { qosUnits } from './northbound.js';
import { resolveQos } from './resolve.js';
import { checkQos } from './rules.js';
import { qosShape } from './schema.js';
import { throughputSpec } from './throughput-check.js';

/** QoS on logical switches (OVN's QoS table: rate limits by meter, DSCP marking) and meters for ACL logging. */
export const qos = defineFeature({
  name: 'qos',
  shape: qosShape,
  rules: (t, _book, at) => checkQos(t, at),
  resolve: resolveQos,
  northbound: qosUnits,
  graph: drawQos,
  checks: [{ spec: throughputSpec, probe: () => import('./throughput.probe.js').then((m) => m.throughputProbe) }],
});
