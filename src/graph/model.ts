import { SB_PORT } from '../ovn/node-shell.js';
import type { Lab } from '../topology/model.js';
import type { GraphDraw } from '../features/feature.js';
import { features } from '../features/registry.js';

/** The kinds of node a picture knows, in the order it lists them (whoever draws them, the core or a feature). */
const KINDS = ['central', 'chassis', 'switch', 'vm', 'router', 'network', 'namespace', 'host', 'portgroup', 'lb'] as const;

/** What a picture of a lab shows: nodes with labels and the lines between them. */
interface GraphNode {
  id: string;
  label: string[];
  kind: (typeof KINDS)[number];
}

/**
 * What a line means: `control` the SB connection, `tunnel` Geneve between chassis, `wire` a link
 * on a machine (a VM on br-int, a bridge, a host's cable), `logical` an attachment in OVN,
 * `route` where a router or load balancer sends traffic (a next hop, a backend), `nat` a floating IP's VM.
 */
export type EdgeKind = 'control' | 'tunnel' | 'wire' | 'logical' | 'route' | 'nat';

interface GraphEdge {
  from: string;
  to: string;
  label?: string;
  style: EdgeKind;
}

/** Physical nodes (machines and networks), logical ones (OVN's switches and routers), and the VMs between. */
export const LAYER = { central: 'physical', chassis: 'physical', network: 'physical', host: 'physical', switch: 'logical', router: 'logical', portgroup: 'logical', lb: 'logical', vm: 'vms', namespace: 'vms' } as const;

export interface LabGraph {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Ids safe in dot and mermaid: a node's in the picture is its kind and name (`chassis_hv1`). */
export const id = (kind: string, name: string) => `${kind}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;

/**
 * The lab as a graph: central and chassis on the underlay, Geneve tunnels between chassis,
 * logical switches, VMs on their chassis and switch. `addresses` (VM → address) shows live
 * addresses of a running lab instead of the configured ones.
 */
export function labGraph(lab: Lab, addresses?: Map<string, string | undefined>): LabGraph {
  const nodes: GraphNode[] = [
    { id: id('central', lab.central.name), kind: 'central', label: [lab.central.name, lab.central.ip, 'NB/SB ovsdb, ovn-northd'] },
    // The other members of a clustered central: each a machine of its own.
    ...(lab.central.members ?? []).slice(1).map((m) => ({ id: id('central', m.name), kind: 'central' as const, label: [m.name, m.ip, 'NB/SB ovsdb, ovn-northd'] })),
    ...lab.chassis.map((c) => ({ id: id('chassis', c.name), kind: 'chassis' as const, label: [`chassis ${c.name}`, `${c.encap} ${c.ip}`, 'br-int, br-phy'] })),
    ...lab.switches.map((s) => ({
      id: id('switch', s.name),
      kind: 'switch' as const,
      label: [`switch ${s.name}`, ...(s.subnet ? [s.subnet.text] : []), ...(s.subnet6 ? [s.subnet6.text] : []), ...(s.dhcp ? ['OVN DHCP'] : []), ...(s.dhcp6 ? ['OVN DHCPv6'] : [])],
    })),
    ...lab.vms.map((v) => {
      const planned = [
        v.ip !== undefined ? `${v.ip}/${v.prefix}${v.dhcp ? ' (DHCP)' : ''}` : undefined,
        v.ipv6 ? `${v.ipv6.ip}/${v.ipv6.prefix}${v.ipv6.mode === 'static' ? '' : ` (${v.ipv6.mode === 'slaac' ? 'SLAAC' : 'DHCPv6'})`}` : undefined,
      ];
      const addr = addresses ? (addresses.get(v.name) ?? 'no address') : planned.filter(Boolean).join(', ');
      const role = v.service ? ' (dnsmasq)' : '';
      return { id: id('vm', v.name), kind: 'vm' as const, label: [`${v.name}${role}`, addr, v.mac, ...v.vlans.map((x) => `${x.iface} ${x.ip}`)] };
    }),
    ...lab.hosts.map((h) => ({ id: id('host', h.name), kind: 'host' as const, label: [`host ${h.name}`, addresses ? (addresses.get(h.name) ?? 'no address') : `${h.ip}/${h.prefix}${h.dhcp ? ' (DHCP from OVN)' : ''}`] })),
  ];
  const edges: GraphEdge[] = [...lab.chassis.map((c) => ({ from: id('central', lab.central.name), to: id('chassis', c.name), label: `SB ${lab.central.ssl ? 'ssl' : 'tcp'}:${SB_PORT}`, style: 'control' as const }))];
  // Raft: every member of a clustered central talks to every other.
  const members = lab.central.members ?? [];
  members.forEach((a, i) => {
    for (const b of members.slice(i + 1)) edges.push({ from: id('central', a.name), to: id('central', b.name), label: 'Raft', style: 'control' });
  });
  lab.chassis.forEach((a, i) => {
    for (const b of lab.chassis.slice(i + 1)) edges.push({ from: id('chassis', a.name), to: id('chassis', b.name), label: a.encap, style: 'tunnel' });
  });
  for (const v of lab.vms) {
    edges.push({ from: id('chassis', v.chassis), to: id('vm', v.name), label: 'br-int', style: 'wire' });
    edges.push({ from: id('vm', v.name), to: id('switch', v.switch), label: v.port, style: 'logical' });
    for (const x of v.vlans) edges.push({ from: id('vm', v.name), to: id('switch', x.switch), label: `${x.port} (tag ${x.tag})`, style: 'logical' });
    for (const n of v.nics ?? []) edges.push({ from: id('vm', v.name), to: id('switch', n.switch), label: `${n.port} (${n.iface} ${n.ip})`, style: 'logical' });
  }
  // What each feature draws (routers, load balancers, …), its lines after the routers' or after the hosts'.
  const draw: GraphDraw = {
    id,
    node: (kind, name, label) => void nodes.push({ id: id(kind, name), kind, label }),
    edge: (from, to, label, style) => void edges.push({ from, to, label, style }),
    role: (kind, name, role) => {
      const node = nodes.find((n) => n.id === id(kind, name));
      if (node) node.label[0] = `${node.label[0]} (${role})`;
    },
  };
  const drawFeatures = (afterHosts: boolean) => {
    for (const f of features) if ((f.graphAfter === 'hosts') === afterHosts) f.graph?.(lab, draw);
  };
  drawFeatures(false);
  for (const h of lab.hosts) edges.push({ from: id('host', h.name), to: id('network', h.network), label: 'eth0', style: 'wire' });
  drawFeatures(true);
  // Kind by kind; a sort keeps the order in which each kind was drawn.
  nodes.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  return { title: `lab ${lab.name} (underlay ${lab.underlay.subnet.text})`, nodes, edges };
}
