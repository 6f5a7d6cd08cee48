import { defineFeature } from '../feature.js';
import { dnsSpec } from './dns-check.js';
import { drawDns } from './graph.js';
import './model.js';
import { dnsUnits } from './northbound.js';
import { resolveDns } from './resolve.js';
import { checkDns } from './rules.js';
import { dnsShape } from './schema.js';

/** OVN native DNS: DNS rows on switches (dns_records), answered by ovn-controller for their VMs. */
export const dns = defineFeature({
  name: 'dns',
  shape: dnsShape,
  rules: (t, _book, at) => checkDns(t, at),
  // Only a lab with record sets has the field, so other labs' records (and golden scripts) stay as they were.
  resolve: (t, lab) => (Object.keys(t.dns).length ? { dns: resolveDns(t, lab) } : {}),
  northbound: dnsUnits,
  graph: drawDns,
  checks: [{ spec: dnsSpec, probe: () => import('./dns.probe.js').then((m) => m.dnsProbe) }],
});
