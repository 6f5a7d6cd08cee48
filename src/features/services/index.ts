import { defineFeature } from '../feature.js';
import './model.js';
import { resolveServices } from './resolve.js';
import { checkServices } from './rules.js';
import { servicesShape } from './schema.js';

/** dnsmasq services: a DHCP server in a namespace of its own on a switch, or inside a router VM. */
export const services = defineFeature({
  name: 'services',
  shape: servicesShape,
  // Where services always were: in the file after hosts, in the lab after the VMs.
  keysAfter: { file: 'hosts', lab: 'vms' },
  rules: (t, book, at, subnets) => checkServices(t, subnets, book, at),
  // Their addresses are claimed after localports' and before hosts', as they always were.
  rulesAfter: 'vms',
  resolve: resolveServices,
  up: () => import('./services.up.js'),
});
