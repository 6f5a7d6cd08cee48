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
  // Where they always were: after the hosts in the file and in the lab (services, registered
  // later, are placed right after the hosts in the file, before them).
  keysAfter: 'hosts',
  rules: (t, _book, at) => checkLinks(t, at),
  // Routes may go through any node's address: checked after every other feature.
  rulesAfter: 'features',
  resolve: resolveLinks,
  up: () => import('./links.up.js'),
  graph: drawLinks,
  graphAfter: 'hosts',
});
