import type { Lab } from '../topology/model.js';

/** What a picture of a lab shows: nodes with labels and the lines between them. */
export interface GraphNode {
  id: string;
  label: string[];
  kind: 'central' | 'chassis' | 'switch' | 'vm';
}

export interface GraphEdge {
  from: string;
  to: string;
  label?: string;
  style: 'solid' | 'dashed';
}

export interface LabGraph {
  title: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Ids safe in dot and mermaid. */
const id = (kind: string, name: string) => `${kind}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;

/**
 * The lab as a graph: central and chassis on the underlay, Geneve tunnels between chassis,
 * logical switches, VMs on their chassis and switch. `addresses` (VM → address) shows live
 * addresses of a running lab instead of the configured ones.
 */
export function labGraph(lab: Lab, addresses?: Map<string, string | undefined>): LabGraph {
  const nodes: GraphNode[] = [
    { id: id('central', lab.central.name), kind: 'central', label: [lab.central.name, lab.central.ip, 'NB/SB ovsdb, ovn-northd'] },
    ...lab.chassis.map((c) => ({ id: id('chassis', c.name), kind: 'chassis' as const, label: [`chassis ${c.name}`, `geneve ${c.ip}`, 'br-int, br-phy'] })),
    ...lab.switches.map((s) => ({ id: id('switch', s.name), kind: 'switch' as const, label: [`switch ${s.name}`, s.subnet.text, ...(s.dhcp ? ['OVN DHCP'] : [])] })),
    ...lab.vms.map((v) => {
      const addr = addresses ? addresses.get(v.name) ?? 'no address' : `${v.ip}/${v.prefix}${v.dhcp ? ' (DHCP)' : ''}`;
      return { id: id('vm', v.name), kind: 'vm' as const, label: [v.name, addr, v.mac] };
    }),
  ];
  const edges: GraphEdge[] = [
    ...lab.chassis.map((c) => ({ from: id('central', lab.central.name), to: id('chassis', c.name), label: `SB tcp:6642`, style: 'solid' as const })),
  ];
  lab.chassis.forEach((a, i) => {
    for (const b of lab.chassis.slice(i + 1)) edges.push({ from: id('chassis', a.name), to: id('chassis', b.name), label: 'geneve', style: 'dashed' });
  });
  for (const v of lab.vms) {
    edges.push({ from: id('chassis', v.chassis), to: id('vm', v.name), label: 'br-int', style: 'solid' });
    edges.push({ from: id('vm', v.name), to: id('switch', v.switch), label: v.port, style: 'dashed' });
  }
  return { title: `lab ${lab.name} (underlay ${lab.underlay.subnet.text})`, nodes, edges };
}
