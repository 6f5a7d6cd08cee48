import { defineFeature } from '../feature.js';
import { aclLogSpec } from './acl-log.js';
import { drawSecurity } from './graph.js';
import './model.js';
import { securityUnits } from './northbound.js';
import { resolveSecurity } from './resolve.js';
import { checkSecurity } from './rules.js';
import { securityShape } from './schema.js';

/** Security groups as OVN has them: port groups, address sets, ACLs on switches and port groups. */
export const security = defineFeature({
  name: 'security',
  shape: securityShape,
  rules: (t, _book, at) => checkSecurity(t, at),
  resolve: resolveSecurity,
  northbound: securityUnits,
  up: () => import('./acls.up.js'),
  graph: drawSecurity,
  checks: [{ spec: aclLogSpec, probe: () => import('./acl-log.probe.js').then((m) => m.aclLogProbe) }],
});
