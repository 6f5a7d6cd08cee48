/** A load balancer as the lab has it. */
export interface LoadBalancer {
  name: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  /** Each VIP ("10.60.0.100:80") with its backends as addresses ("10.60.0.11:80"). */
  vips: { vip: string; backends: string[] }[];
  switches: string[];
  routers: string[];
  options: Record<string, string>;
  /** Health checks of the VIPs with a port, and where each backend is probed (address → port:source). */
  healthCheck?: { options: Record<string, string>; mappings: Record<string, string> };
}

declare module '../../topology/model.js' {
  interface Lab {
    loadBalancers: LoadBalancer[];
  }
}
