import { defineFeature } from '../feature.js';
import { drawMirrors } from './graph.js';
import { mirrorSpec } from './mirror-check.js';
import './model.js';
import { mirrorUnits } from './northbound.js';
import { resolveMirrors } from './resolve.js';
import { checkMirrors } from './rules.js';
import { mirrorsShape } from './schema.js';

/** Port mirroring: Mirror rows, VMs' ports attached to them, copies tunnelled (GRE, ERSPAN) to a collector on the underlay. */
export const mirrors = defineFeature({
  name: 'mirrors',
  shape: mirrorsShape,
  rules: (t, _book, at) => checkMirrors(t, at),
  // Only a lab with mirrors has the field, so other labs' records (and golden scripts) stay as they were.
  resolve: (t, lab) => (Object.keys(t.mirrors).length ? { mirrors: resolveMirrors(t, lab) } : {}),
  northbound: mirrorUnits,
  graph: drawMirrors,
  checks: [{ spec: mirrorSpec, probe: () => import('./mirror.probe.js').then((m) => m.mirrorProbe) }],
});
