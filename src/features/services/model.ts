import type { Cidr } from '../../topology/net.js';

/** A server lab runs: in its own namespace on a switch (a VM-like node, see Lab.vms), or in a VM. */
export interface Service {
  name: string;
  kind: 'dnsmasq';
  /** The node it runs in: its own namespace (the service's name) or the VM that hosts it. */
  node: string;
  /** What it serves on each interface of its node: the subnet, the fixed address of every VM that asks, the router option. */
  ranges: ServiceRange[];
  leaseTime: number;
}

interface ServiceRange {
  iface: string;
  switch: string;
  subnet: Cidr;
  hosts: { mac: string; ip: string }[];
  router?: string;
}

declare module '../../topology/model.js' {
  interface Lab {
    services: Service[];
  }
}
