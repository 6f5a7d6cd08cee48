import { clusterMembers } from '../../topology/names.js';
import { defineFeature } from '../feature.js';
import { clusterSpec } from './cluster-check.js';
import { drawCluster } from './graph.js';
import './model.js';
import { clusterFields } from './schema.js';

/**
 * A clustered central: NB and SB as Raft clusters of `central: { cluster: N }` members (central,
 * central2, …), each a node on the underlay running ovn-northd, and the `cluster` check kind. Its
 * members are in the lab as `central.members`, which the runtimes make and src/ovn/central.ts
 * starts as a cluster.
 */
export const cluster = defineFeature({
  name: 'cluster',
  shape: {},
  fields: { central: { after: 'engine', shape: clusterFields } },
  underlayNodes: (t) =>
    clusterMembers(t.central.cluster)
      .slice(1)
      .map((name) => ({ name, what: 'a member of the central cluster' })),
  rules(t, _book, at) {
    if (t.central.cluster > 1 && t.central.ssl) at(['central', 'ssl'], 'a clustered central with SSL is not supported yet: use one of cluster or ssl');
  },
  resolve: (t, lab, underlay) => (t.central.cluster > 1 ? { central: { ...lab.central, members: clusterMembers(t.central.cluster).map((name) => ({ name, ip: underlay(name) })) } } : {}),
  graph: drawCluster,
  graphAfter: 'central',
  checks: [{ spec: clusterSpec, probe: () => import('./cluster.probe.js').then((m) => m.clusterProbe) }],
});
