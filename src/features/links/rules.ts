import { formatIpv4, inCidr, isNetworkOrBroadcast, maskOf, parseCidr, parseIpv4, specialBlock, type Cidr } from '../../topology/net.js';
import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import { routeProblem } from '../../topology/special.js';
import { namespacePlacement, parseEndpoint } from './endpoints.js';
import type { RawLinks } from './schema.js';

/**
 * Links outside OVN, and the plain routing of VMs, hosts and namespaces: ends that exist and are
 * free, ends on one machine, addresses that fit their prefix, and routes whose next hop is on one
 * of the node's networks.
 */
export function checkLinks(t: RawCore & RawLinks, at: At): void {
  const networks = new Map<string, Cidr[]>();
  const addNetwork = (node: string, c: Cidr | undefined) => c && networks.set(node, [...(networks.get(node) ?? []), c]);
  for (const [name, vm] of Object.entries(t.vms)) addNetwork(name, parseCidr(t.switches[vm.switch]?.subnet ?? ''));
  const ifaces = new Set<string>();
  t.links.forEach((link, i) => {
    const path = ['links', i];
    link.endpoints.forEach((text, j) => {
      const end = parseEndpoint(text);
      const epath = [...path, 'endpoints', j];
      if (!end) return at(epath, `'${text}' is not NODE:INTERFACE, like rtr:eth1`);
      if (end.node in t.hosts) return at(epath, `host '${end.node}' is on a provider network; links join VMs and namespaces (make '${end.node}' a namespace)`);
      if (!(end.node in t.vms) && !(end.node in t.namespaces)) {
        return at(epath, `unknown node '${end.node}' (links join VMs and namespaces: ${[...Object.keys(t.vms), ...Object.keys(t.namespaces)].join(', ') || 'none'})`);
      }
      if (end.node in t.vms && end.iface === 'eth0') return at(epath, `eth0 of VM '${end.node}' is its OVN port; name the link's interface eth1, eth2, …`);
      if (end.iface === 'lo') return at(epath, "lo is the loopback interface; name the link's interface eth0, eth1, …");
      const key = `${end.node}:${end.iface}`;
      if (ifaces.has(key)) return at(epath, `${key} is already the end of another link`);
      ifaces.add(key);
      const address = link.addresses?.[j];
      if (address === undefined || address === null) return;
      const [ip, len] = address.split('/');
      const n = parseIpv4(ip!);
      const cidr = n === undefined ? undefined : maskedCidr(n, Number(len));
      const block = cidr && specialBlock(cidr);
      if (n === undefined || !cidr || Number(len) > 30) at([...path, 'addresses', j], `'${address}' is not an address/prefix like 10.99.0.1/24 (prefix up to 30)`);
      else if (block) at([...path, 'addresses', j], `${cidr.text} overlaps ${block}, where interfaces cannot have addresses; use a private subnet like 10.99.0.0/24`);
      else if (isNetworkOrBroadcast(n, cidr)) at([...path, 'addresses', j], `${ip} is the network or broadcast address of ${cidr.text}`);
      else addNetwork(end.node, cidr);
    });
    const [a, b] = link.endpoints.map((e) => parseEndpoint(e)?.node);
    if (a !== undefined && a === b) at([...path, 'endpoints'], `a link joins two different nodes, not '${a}' to itself`);
    const [x, y] = link.addresses ?? [];
    if (x && y && x.split('/')[0] === y.split('/')[0]) at([...path, 'addresses', 1], `both ends have ${x.split('/')[0]}`);
    else if (x && y) {
      const [cx, cy] = [x, y].map((v) => maskedCidr(parseIpv4(v.split('/')[0]!) ?? 0, Number(v.split('/')[1])));
      if (cx && cy && cx.text !== cy.text) at([...path, 'addresses', 1], `${y} is not in ${cx.text}, the subnet of the other end`);
    }
    const vmChassis = [a, b].map((n) => (n !== undefined ? t.vms[n]?.chassis : undefined));
    if (vmChassis[0] && vmChassis[1] && vmChassis[0] !== vmChassis[1]) {
      at([...path, 'endpoints'], `a link is a veth on one machine: VM '${a}' is on ${vmChassis[0]} and VM '${b}' on ${vmChassis[1]}; put them on one chassis`);
    }
  });
  for (const [name, chassis] of namespacePlacement(t)) {
    if (chassis.size === 0) at(['namespaces', name], `namespace '${name}' is linked to no VM; link it (links: [{ endpoints: [VM:eth1, ${name}:eth0] }]) so it has a network and a machine to live on`, true);
    else if (chassis.size > 1) at(['namespaces', name], `namespace '${name}' is linked to VMs on ${[...chassis].join(' and ')}; a link is a veth on one machine, so its VMs must share a chassis`, true);
  }
  const routed = [
    ...Object.entries(t.vms).map(([n, v]) => ['vms', n, v.routes] as const),
    ...Object.entries(t.hosts).map(([n, h]) => ['hosts', n, h.routes] as const),
    ...Object.entries(t.namespaces).map(([n, ns]) => ['namespaces', n, ns?.routes ?? []] as const),
  ];
  for (const [group, name, routes] of routed) {
    routes.forEach((r, i) => {
      const toProblem = r.to === 'default' ? undefined : parseCidr(r.to) ? routeProblem(r.to) : `'${r.to}' is not a subnet (network address/prefix, like 10.99.0.0/24) or 'default'`;
      if (toProblem) at([group, name, 'routes', i, 'to'], toProblem);
      const via = parseIpv4(r.via);
      const nets = networks.get(name) ?? [];
      if (group === 'hosts' || via === undefined) return;
      if (!nets.some((c) => inCidr(via, c))) at([group, name, 'routes', i, 'via'], `${r.via} is on none of ${name}'s networks (${nets.map((c) => c.text).join(', ') || 'none'}): the next hop must be on a link or on its switch`);
    });
  }
}

/** The subnet an address/prefix is in. */
function maskedCidr(ip: number, prefix: number): Cidr | undefined {
  if (!(prefix >= 0 && prefix <= 32)) return undefined;
  return parseCidr(`${formatIpv4((ip & maskOf(prefix)) >>> 0)}/${prefix}`);
}
