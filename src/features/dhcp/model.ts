import type { RawDhcp } from './schema.js';

declare module '../../topology/schema-core.js' {
  interface RawSwitch {
    /** OVN's native DHCPv4 on this switch (a DHCP_Options row its VMs' ports refer to). */
    dhcp?: RawDhcp;
  }
}
