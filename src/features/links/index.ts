import { defineFeature } from '../feature.js';
import { drawLinks } from './graph.js';
import './model.js';
import { resolveLinks } from './resolve.js';
import { checkLinks } from './rules.js';
import { linksShape } from './schema.js';

/** Plain namespaces outside OVN and the veths (links) that join them to VMs, with their addresses. */
export const links = defineFeature({
  name: 'links',
  shape: linksShape,
  keysBefore: { file: 'localports', lab: 'nbOptions' },
  rules: (t, _book, at) => checkLinks(t, at),
  resolve: resolveLinks,
  up: () => import('./links.up.js'),
  graph: drawLinks,
  graphAfter: 'hosts',
});
