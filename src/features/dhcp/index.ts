import { placed } from '../../topology/placed.js';
import { defineFeature } from '../feature.js';
import { drawDhcp } from './graph.js';
import './model.js';
import { dhcpPortSettings, dhcpRows } from './northbound.js';
import { checkDhcp } from './rules.js';
import { dhcpFields } from './schema.js';
import { dhcpOptions, dhcpRouter } from './server.js';
import type { RawRouters } from '../routers/schema.js';

/**
 * OVN's native DHCPv4: a switch's `dhcp` field, its rules, and the options of its DHCP_Options row
 * (the switch's `dhcp` in the lab). The row itself goes into the NB transaction of the first port
 * that uses it (src/ovn/logical-network.ts, which builds every port's unit), and the `dhcp` check
 * kind is the core's: it checks a VM's lease from whichever server gave it (OVN or dnsmasq).
 */
export const dhcp = defineFeature({
  name: 'dhcp',
  shape: {},
  fields: { switch: { after: 'subnet', shape: dhcpFields } },
  rules: (t, book, at, subnets) => checkDhcp(t as typeof t & RawRouters, book, at, subnets),
  rulesAfter: 'switches',
  resolve: (t, lab) => ({
    switches: lab.switches.map((sw) => {
      const raw = t.switches[sw.name];
      if (!raw?.dhcp || !sw.subnet) return sw;
      return placed(sw, { dhcp: { options: dhcpOptions({ ...raw, dhcp: raw.dhcp }, sw.subnet, dhcpRouter(t as typeof t & RawRouters, sw.name)) } }, 'subnet');
    }),
  }),
  portRows: dhcpRows,
  portNorthbound: dhcpPortSettings,
  graph: drawDhcp,
});
