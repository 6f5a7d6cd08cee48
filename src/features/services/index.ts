import { defineFeature } from '../feature.js';
import './model.js';
import { resolveServices } from './resolve.js';
import { checkServices } from './rules.js';
import { servicesShape } from './schema.js';

/** dnsmasq services: a DHCP server in a namespace of its own on a switch, or inside a router VM. */
export const services = defineFeature({
  name: 'services',
  shape: servicesShape,
  keysAfter: 'hosts',
  rules: (t, book, at, subnets) => checkServices(t, subnets, book, at),
  rulesAfter: 'ports',
  resolve: resolveServices,
  fieldsAfter: 'vms',
  up: () => import('./services.up.js'),
});
