import type { RawDhcp6 } from './schema.js';

/** A VM's IPv6 address; `slaac` and `dhcpv6` VMs learn prefix and gateway from the router's RA. */
export interface VmIpv6 {
  ip: string;
  prefix: number;
  mode: 'static' | 'slaac' | 'dhcpv6';
  /** Default gateway of a static VM: the router port's IPv6 address on its switch. */
  gateway?: string;
}

/** OVN's DHCPv6 of a switch: DHCP_Options:options, as ovn-nbctl expects them (strings). */
interface Dhcp6Options {
  options: Record<string, string>;
}

declare module '../../topology/schema-core.js' {
  interface RawSwitch {
    /** Its IPv6 subnet, as written (fd00:10::/64). */
    subnet6?: string | undefined;
    /** OVN's DHCPv6 on it. */
    dhcp6?: RawDhcp6 | undefined;
  }
  interface RawVm {
    /** Its IPv6 address, as written (else the one SLAAC makes). */
    ip6?: string | undefined;
  }
  interface RawHost {
    /** Its static IPv6 address and IPv6 gateway, as written. */
    ip6?: string | undefined;
    gateway6?: string | undefined;
  }
}

declare module '../../topology/model.js' {
  interface LogicalSwitch {
    /** Dual stack: the IPv6 subnet, and OVN's DHCPv6 for it. */
    subnet6?: { text: string; prefix: number };
    dhcp6?: Dhcp6Options;
  }
  interface Vm {
    /** On a dual-stack switch: its IPv6 address and how it gets it. */
    ipv6?: VmIpv6;
  }
  interface Host {
    /** Its static IPv6 address (prefix: the provider switch's subnet6) and IPv6 gateway. */
    ip6?: string;
    prefix6?: number;
    gateway6?: string;
  }
}
