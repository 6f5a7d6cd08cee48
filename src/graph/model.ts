import { SB_PORT } from '../ovn/node-shell.js';
import type { Lab } from '../topology/model.js';
import type { Feature, GraphDraw } from '../features/feature.js';
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
  const drafts: Draft[] = [
    draft('central', lab.central.name, [lab.central.name, lab.central.ip, 'NB/SB ovsdb, ovn-northd']),
    ...lab.chassis.map((c) => draft('chassis', c.name, [`chassis ${c.name}`, `${c.encap} ${c.ip}`, 'br-int, br-phy'])),
    ...lab.switches.map((s) => ({ ...draft('switch', s.name, [`switch ${s.name}`]), planned: s.subnet ? [s.subnet.text] : [] })),
    ...lab.vms.map((v) => ({
      ...draft('vm', v.name, [v.service ? `${v.name} (dnsmasq)` : v.name]),
      planned: v.ip !== undefined ? [`${v.ip}/${v.prefix}${v.dhcp ? ' (DHCP)' : ''}`] : [],
      live: addresses?.get(v.name) ?? (addresses ? 'no address' : undefined),
      tail: [v.mac, ...v.vlans.map((x) => `${x.iface} ${x.ip}`)],
    })),
    ...lab.hosts.map((h) => ({
      ...draft('host', h.name, [`host ${h.name}`]),
      planned: [`${h.ip}/${h.prefix}${h.dhcp ? ' (DHCP from OVN)' : ''}`],
      live: addresses?.get(h.name) ?? (addresses ? 'no address' : undefined),
    })),
  ];
  const edges: GraphEdge[] = [...lab.chassis.map((c) => ({ from: id('central', lab.central.name), to: id('chassis', c.name), label: `SB ${lab.central.ssl ? 'ssl' : 'tcp'}:${SB_PORT}`, style: 'control' as const }))];
  const find = (kind: string, name: string) => drafts.find((d) => d.id === id(kind, name));
  // What each feature draws (routers, load balancers, …) and adds to the core's nodes (IPv6 addresses, DHCP servers).
  const draw: GraphDraw = {
    id,
    node: (kind, name, label) => void drafts.push(draft(kind, name, label)),
    edge: (from, to, label, style) => void edges.push({ from, to, label, style }),
    role: (kind, name, role) => {
      const d = find(kind, name);
      if (d) d.title[0] = `${d.title[0]} (${role})`;
    },
    address: (kind, name, address) => void find(kind, name)?.planned.push(address),
    note: (kind, name, note) => void find(kind, name)?.tail.push(note),
  };
  // Each feature's lines in its place: after the central's, the VMs' (by default) or the hosts'.
  const drawFeatures = (after: Feature['graphAfter']) => {
    for (const f of features) if (f.graphAfter === after) f.graph?.(lab, draw);
  };
  drawFeatures('central');
  lab.chassis.forEach((a, i) => {
    for (const b of lab.chassis.slice(i + 1)) edges.push({ from: id('chassis', a.name), to: id('chassis', b.name), label: a.encap, style: 'tunnel' });
  });
  for (const v of lab.vms) {
    edges.push({ from: id('chassis', v.chassis), to: id('vm', v.name), label: 'br-int', style: 'wire' });
    edges.push({ from: id('vm', v.name), to: id('switch', v.switch), label: v.port, style: 'logical' });
    for (const x of v.vlans) edges.push({ from: id('vm', v.name), to: id('switch', x.switch), label: `${x.port} (tag ${x.tag})`, style: 'logical' });
    for (const n of v.nics ?? []) edges.push({ from: id('vm', v.name), to: id('switch', n.switch), label: `${n.port} (${n.iface} ${n.ip})`, style: 'logical' });
  }
  drawFeatures(undefined);
  for (const h of lab.hosts) edges.push({ from: id('host', h.name), to: id('network', h.network), label: 'eth0', style: 'wire' });
  drawFeatures('hosts');
  // Kind by kind; a sort keeps the order in which each kind was drawn.
  const nodes = drafts.map(labelled).sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  return { title: `lab ${lab.name} (underlay ${lab.underlay.subnet.text})`, nodes, edges };
}

/**
 * A node while the picture is drawn: its title lines, the addresses it is planned to have (a
 * switch's subnets, each a line; a VM's or host's, one line, or the `live` ones when the picture
 * shows them) and the lines after them (a VM's MAC, a switch's DHCP servers).
 */
interface Draft {
  id: string;
  kind: GraphNode['kind'];
  title: string[];
  planned: string[];
  live?: string;
  tail: string[];
}

const draft = (kind: GraphNode['kind'], name: string, title: string[]): Draft => ({ id: id(kind, name), kind, title, planned: [], tail: [] });

function labelled(d: Draft): GraphNode {
  const addresses = d.kind === 'vm' || d.kind === 'host' ? [d.live ?? d.planned.join(', ')] : d.planned;
  return { id: d.id, kind: d.kind, label: [...d.title, ...addresses, ...d.tail] };
}
