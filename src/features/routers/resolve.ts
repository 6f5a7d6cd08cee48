import { routerPortMac } from '../../topology/macs.js';
import type { Lab, Vm } from '../../topology/model.js';
import { canonical6 } from '../../topology/net6.js';
import { subnet6Of, subnetOf } from '../../topology/proven.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { LogicalRouter } from './model.js';
import type { RawRouters } from './schema.js';

/** The address of the first router port on a switch, among routers as written or as the lab has them. */
function firstRouterAddress(routers: Iterable<{ ports: { switch: string; ip?: string | undefined }[] }>, switchName: string): string | undefined {
  for (const r of routers) {
    const port = r.ports.find((p) => p.switch === switchName);
    if (port) return port.ip;
  }
  return undefined;
}

/** The address of the (first) router port on a switch, if a router is attached to it. */
export function routerOn(t: RawRouters, switchName: string): string | undefined {
  return firstRouterAddress(Object.values(t.routers), switchName);
}

/** The same, as the lab has it (for features resolved after routers). */
export function routerAddressOn(lab: Pick<Lab, 'routers'>, switchName: string): string | undefined {
  return firstRouterAddress(lab.routers, switchName);
}

/** The lab's routers: their ports with the switch ports that peer with them, routes, policies and NAT. */
export function resolveRouters(t: RawCore & RawRouters, vms: Vm[]): LogicalRouter[] {
  return Object.entries(t.routers).map(([name, r]) => ({
    name,
    ...(r.chassis ? { chassis: r.chassis } : {}),
    options: Object.fromEntries(Object.entries(r.options).map(([k, v]) => [k, String(v)])),
    ports: r.ports.map((p) => ({
      name: p.name ?? `${name}-${p.switch}`,
      switchPort: p.switch_port ?? `${p.switch}-${name}`,
      switch: p.switch,
      ...(p.ip !== undefined ? { ip: p.ip, prefix: subnetOf(t, p.switch).prefix } : {}),
      mac: (p.mac ?? routerPortMac(p)).toLowerCase(),
      ...(p.gateway_chassis ? { gatewayChassis: p.gateway_chassis } : {}),
      ...(p.ip6 !== undefined ? { ip6: canonical6(p.ip6), prefix6: subnet6Of(t, p.switch).prefix } : {}),
      ...(p.ra ? { ra: p.ra } : {}),
    })),
    routes: r.routes.map((x) => ({ prefix: x.prefix, nexthops: [x.nexthop].flat(), policy: x.policy, ...(x.port ? { port: x.port } : {}), ...(x.ecmp_symmetric_reply ? { ecmpSymmetricReply: true } : {}) })),
    policies: r.policies.map((p) => ({ priority: p.priority, match: p.match, action: p.action, ...(p.nexthops ? { nexthops: p.nexthops } : {}) })),
    nat: r.nat.map((n, i) => {
      const vm = n.vm ? vms.find((v) => v.name === n.vm) : undefined;
      return {
        type: n.type,
        externalIp: n.external_ip,
        logicalIp: n.logical_ip,
        ...(vm ? { logicalPort: vm.port, externalMac: (n.external_mac ?? vm.mac).toLowerCase() } : {}),
        ...(n.gateway_port ? { gatewayPort: n.gateway_port } : {}),
        ...(n.add_route ? { addRoute: true } : {}),
        ...(n.allowed_ext_ips ? { allowedExtIps: { set: allowedSetName(name, i), addresses: n.allowed_ext_ips } } : {}),
      };
    }),
  }));
}

/** The Address_Set a router's NAT rule (by its index) is allowed for: a name OVN matches take ($…, no "-"). */
function allowedSetName(router: string, index: number): string {
  return `${router.replace(/-/g, '_')}_nat${index}_allowed`;
}
