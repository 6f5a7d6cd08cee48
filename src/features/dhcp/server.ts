import { formatIpv4, macFromIpv4, nthAddress, parseIpv4, type Cidr } from '../../topology/net.js';
import type { RawCore, RawSwitch } from '../../topology/schema-core.js';
import { routerOn } from '../routers/resolve.js';
import type { RawRouters } from '../routers/schema.js';

/** The DHCP router option of a switch: as written, else the attached router's address. */
export function dhcpRouter(t: RawCore & RawRouters, name: string): string | undefined {
  return t.switches[name]?.dhcp?.router ?? routerOn(t, name);
}

/** The DHCP server address and MAC of a switch: as written, else the router, else the first host. */
export function dhcpServer(sw: RawSwitch, subnet: Cidr, router?: string): { ip: string; mac: string } {
  const ip = sw.dhcp?.server_id ?? router ?? formatIpv4(nthAddress(subnet, 1));
  return { ip, mac: (sw.dhcp?.server_mac ?? macFromIpv4(0x02, parseIpv4(ip) ?? 0)).toLowerCase() };
}

/** The options of a switch's DHCP_Options row, as OVN takes them. */
export function dhcpOptions(sw: RawSwitch & { dhcp: NonNullable<RawSwitch['dhcp']> }, subnet: Cidr, router: string | undefined): Record<string, string> {
  const server = dhcpServer(sw, subnet, router);
  const options: Record<string, string> = {
    server_id: server.ip,
    server_mac: server.mac,
    lease_time: String(sw.dhcp.lease_time),
  };
  if (router) options.router = router;
  if (sw.dhcp.mtu) options.mtu = String(sw.dhcp.mtu);
  if (sw.dhcp.dns_server) options.dns_server = `{${sw.dhcp.dns_server}}`;
  for (const [k, v] of Object.entries(sw.dhcp.options ?? {})) options[k] = String(v);
  return options;
}
