import { defineFeature } from '../feature.js';
import { fdbSpec } from './fdb-check.js';

/**
 * What logical switches learn: the SB FDB table, where ovn-controller writes the MAC of a frame
 * that came in from a port whose addresses are `unknown` (a VM's `addresses: unknown`). No keys of
 * its own: a check kind.
 */
export const fdb = defineFeature({
  name: 'fdb',
  shape: {},
  resolve: () => ({}),
  checks: [{ spec: fdbSpec, probe: () => import('./fdb.probe.js').then((m) => m.fdbProbe) }],
});
