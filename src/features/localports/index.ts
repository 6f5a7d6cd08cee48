import { defineFeature } from '../feature.js';
import { drawLocalports } from './graph.js';
import './model.js';
import { localportUnits } from './northbound.js';
import { localportInstances, resolveLocalports } from './resolve.js';
import { localportRules } from './rules.js';
import { localportShape } from './schema.js';

/** Localports: one logical port of type localport, answered on every chassis by that chassis' own instance (like neutron's metadata port). */
export const localports = defineFeature({
  name: 'localports',
  shape: localportShape,
  // Where localports always were: in the file after links, in the lab after the VMs (and the
  // services, which are registered later and placed right after the VMs).
  keysAfter: { file: 'links', lab: 'vms' },
  rules: localportRules,
  // Their addresses are claimed after routers' and before services' and hosts', as they always were.
  rulesAfter: 'vms',
  // The instances are VM-like nodes, after the lab's VMs and service namespaces.
  resolve: (t, lab) => ({ vms: [...lab.vms, ...localportInstances(t)], localports: resolveLocalports(t) }),
  northbound: localportUnits,
  // Its port is on a switch, before any VM's: right after the switches, as it always was.
  northboundAfter: 'switches',
  graph: drawLocalports,
});
