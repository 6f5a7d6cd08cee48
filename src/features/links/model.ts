import type { NodeRouting, Server } from '../../topology/model.js';

/** A plain namespace outside OVN, reached only through links. */
export interface Namespace extends NodeRouting {
  name: string;
  /** Where it lives on runtimes that place namespaces in a chassis (docker): the chassis of the VM it is linked to. */
  chassis: string;
  servers: Server[];
}

/** A veth between two VMs or namespaces, outside OVN. */
export interface Link {
  ends: [LinkEndSpec, LinkEndSpec];
  mtu: number;
}

interface LinkEndSpec {
  node: string;
  iface: string;
  /** address/prefix, when the end has one. */
  address?: string;
}

declare module '../../topology/model.js' {
  interface Lab {
    /** Plain namespaces outside OVN and the veth links that join them to VMs (and VMs to each other). */
    namespaces: Namespace[];
    links: Link[];
  }
}
