import { defineFeature } from '../feature.js';
import { drawIpv6 } from './graph.js';
import './model.js';
import { dhcp6PortSettings, dhcp6Rows } from './northbound.js';
import { resolveIpv6 } from './resolve.js';
import { checkIpv6 } from './rules.js';
import { dhcp6Field, hostIpv6Fields, subnet6Field, vmIp6Field } from './schema.js';

/**
 * IPv6 beside (or instead of) IPv4: a switch's subnet6 and OVN DHCPv6 (dhcp6), a VM's ip6 (or the
 * one SLAAC makes) and a host's static ip6 and gateway6, each field where the core had it. Its rules
 * run right after the VMs' (every port's IPv6 address claimed before the other features' ports);
 * the router ports' ip6 and ra are the routers', which it reads.
 */
export const ipv6 = defineFeature({
  name: 'ipv6',
  shape: {},
  fields: {
    switch: [
      { after: 'subnet', shape: subnet6Field },
      { after: 'dhcp', shape: dhcp6Field },
    ],
    vm: { after: 'ip', shape: vmIp6Field },
    host: { after: 'gateway', shape: hostIpv6Fields },
  },
  rules: (t, book, at) => checkIpv6(t, book, at),
  rulesAfter: 'vms',
  resolve: resolveIpv6,
  portRows: dhcp6Rows,
  portNorthbound: dhcp6PortSettings,
  graph: drawIpv6,
});
