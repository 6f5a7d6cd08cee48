import { defineFeature } from '../feature.js';
import { providerBridges, providerLinks } from './chassis.js';
import { drawProviders } from './graph.js';
import './model.js';
import { localnetPort } from './northbound.js';
import { resolveProviders } from './resolve.js';
import { checkProviderNetworks } from './rules.js';
import { chassisFields, providersShape, switchFields } from './schema.js';

/**
 * Provider networks: physical networks outside OVN (`networks`), which chassis reach through OVS
 * bridges (`bridge_mappings`) and switches through a localnet port (`provider`). Hosts sit on
 * them; they stay the core's objects (src/runtime makes them with the nodes, and each chassis' link
 * into a network: `chassisLinks`); the bridges are made in each chassis before ovn-controller starts.
 * Registered last: its rules, its lines in the picture and its step sit after every other
 * feature's placed alike, where the core had them.
 */
export const providers = defineFeature({
  name: 'providers',
  shape: providersShape,
  // Where networks always were: after the VMs in the file; in the lab after the localports (so
  // after the VMs and the services placed there), before the hosts.
  keysAfter: { file: 'vms', lab: 'localports' },
  fields: { switch: { after: 'dhcp6', shape: switchFields }, chassis: { after: 'transport_zones', shape: chassisFields } },
  // Hosts claim their addresses after the routers', localports' and services' ports, as they always did.
  rules: checkProviderNetworks,
  rulesAfter: 'vms',
  resolve: resolveProviders,
  switchNorthbound: localnetPort,
  chassisLinks: providerLinks,
  chassisCommands: providerBridges,
  up: () => import('./providers.up.js'),
  graph: drawProviders,
});
