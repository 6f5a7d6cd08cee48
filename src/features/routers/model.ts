interface RouterPort {
  /** Logical router port name: as the file names it, or <router>-<switch>. */
  name: string;
  /** The switch port that peers with it: as the file names it, or <switch>-<router>. */
  switchPort: string;
  switch: string;
  ip?: string;
  prefix?: number;
  mac: string;
  /** Gateway port: chassis in priority order (highest first). */
  gatewayChassis?: string[];
  /** Its IPv6 address on a dual-stack switch (prefix: the switch's subnet6). */
  ip6?: string;
  prefix6?: number;
  /** Router advertisements it sends (ipv6_ra_configs:address_mode). */
  ra?: 'slaac' | 'dhcpv6_stateful' | 'dhcpv6_stateless';
}

interface Route {
  prefix: string;
  /** One next hop, or several for ECMP. */
  nexthops: string[];
  policy: 'dst-ip' | 'src-ip';
  port?: string;
  /** ECMP replies go back by the next hop their connection came in by. */
  ecmpSymmetricReply?: boolean;
}

interface RouterPolicy {
  priority: number;
  match: string;
  action: 'allow' | 'drop' | 'reroute';
  nexthops?: string[];
}

interface Nat {
  type: 'snat' | 'dnat' | 'dnat_and_snat';
  externalIp: string;
  logicalIp: string;
  /** Distributed floating IP: the VM's port and MAC. */
  logicalPort?: string;
  externalMac?: string;
  /** The gateway port the rule belongs to, where the router has several. */
  gatewayPort?: string;
  /** Neighbour routers route to externalIp through this router (options:add_route). */
  addRoute?: boolean;
  /** Only for these external addresses: an Address_Set of this name (allowed_ext_ips). */
  allowedExtIps?: { set: string; addresses: string[] };
}

export interface LogicalRouter {
  name: string;
  /** A gateway router: the whole router runs on this chassis (options:chassis). */
  chassis?: string;
  options: Record<string, string>;
  ports: RouterPort[];
  routes: Route[];
  policies: RouterPolicy[];
  nat: Nat[];
}

declare module '../../topology/model.js' {
  interface Lab {
    routers: LogicalRouter[];
  }
}
