import { defineFeature } from '../feature.js';
import { drawMulticast } from './graph.js';
import { igmpGroupSpec } from './igmp-group.js';
import { joinAction, leaveAction } from './membership.js';
import './model.js';
import { multicastSpec } from './multicast-check.js';
import { multicastUnits } from './northbound.js';
import { resolveMulticast } from './resolve.js';
import { checkMulticast } from './rules.js';
import { multicastShape } from './schema.js';

/** IP multicast snooping on logical switches (other_config mcast_*), the groups VMs join, and checks of IGMP_Group rows and delivery. */
export const multicast = defineFeature({
  name: 'multicast',
  shape: multicastShape,
  rules: (t, _book, at) => checkMulticast(t, at),
  // Only a lab with snooping switches has the field, so other labs' records (and golden scripts) stay as they were.
  resolve: (t) => (Object.keys(t.multicast).length ? { multicast: resolveMulticast(t) } : {}),
  northbound: multicastUnits,
  // Snooping is the switch's: its settings come right after the switches, before any port.
  northboundAfter: 'switches',
  up: () => import('./multicast.up.js'),
  graph: drawMulticast,
  // A VM joining or leaving is a change between checks: a step (`- kind: step` with join: or leave:).
  stepActions: [joinAction, leaveAction],
  checks: [
    { spec: igmpGroupSpec, probe: () => import('./igmp-group.probe.js').then((m) => m.igmpGroupProbe) },
    { spec: multicastSpec, probe: () => import('./multicast.probe.js').then((m) => m.multicastProbe) },
  ],
});
