import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labGraph } from '../../src/graph/model.js';
import { toDot, toMermaid } from '../../src/graph/render.js';
import { parseTopology } from '../../src/topology/load.js';

const load = (name: string) => parseTopology(readFileSync(`labs/${name}.yaml`, 'utf8'), `labs/${name}.yaml`);

describe('lab graph shows security groups and load balancers', () => {
  it('port groups with their ACL counts and members', () => {
    const g = labGraph(load('security-groups'));
    expect(g.nodes.filter((n) => n.kind === 'portgroup').map((n) => n.label)).toEqual([
      ['port group @web', '8 ACLs'],
      ['port group @clients', '0 ACLs'],
    ]);
    expect(g.edges.filter((e) => e.to === 'portgroup_web').map((e) => e.from)).toEqual(['vm_web1', 'vm_web2']);
  });

  it('gateway routers with their chassis', () => {
    const g = labGraph(load('gateways'));
    expect(g.nodes.filter((n) => n.kind === 'router').map((n) => n.label)).toEqual([['router r1'], ['router gw1', 'gateway router on hv1', 'snat 172.16.0.2'], ['router gw2', 'gateway router on hv2', 'snat 172.16.0.3']]);
  });

  it('load balancers with their VIPs, attached to switches', () => {
    const g = labGraph(load('load-balancer'));
    expect(g.nodes.find((n) => n.kind === 'lb')!.label).toEqual(['load balancer web', '10.72.0.100:80 → 3 backends', '10.70.0.200:80 → 3 backends']);
    expect(toMermaid(g)).toContain('lb_web -.-|ls-lb| switch_outside');
  });
});

describe('lab graph draws every node, and a live picture its nodes that are down', () => {
  it("what the dhcp and ipv6 features add to the core's nodes: a switch's subnets, then what serves them; a VM's planned addresses on one line, or its live one", () => {
    const text = `name: t
chassis: { hv1: {} }
switches:
  both: { subnet: 10.1.0.0/24, dhcp: {}, subnet6: fd00:1::/64, dhcp6: {} }
routers:
  r1: { ports: [{ switch: both, ip: 10.1.0.1, ip6: 'fd00:1::1', ra: dhcpv6_stateful }] }
vms:
  vm1: { chassis: hv1, switch: both, ip: 10.1.0.11, ip6: 'fd00:1::11' }
`;
    const lab = parseTopology(text, 'f.yaml');
    const label = (g: ReturnType<typeof labGraph>, id: string) => g.nodes.find((n) => n.id === id)?.label;
    expect(label(labGraph(lab), 'switch_both')).toEqual(['switch both', '10.1.0.0/24', 'fd00:1::/64', 'OVN DHCP', 'OVN DHCPv6']);
    expect(label(labGraph(lab), 'vm_vm1')?.slice(0, 2)).toEqual(['vm1', '10.1.0.11/24 (DHCP), fd00:1::11/64 (DHCPv6)']);
    expect(label(labGraph(lab, new Map([['vm1', '10.1.0.7/24']])), 'vm_vm1')?.slice(0, 2)).toEqual(['vm1', '10.1.0.7/24']);
  });

  it('every member of a clustered central, each joined to every other by Raft', () => {
    const g = labGraph(load('central-ha'));
    expect(g.nodes.filter((n) => n.kind === 'central').map((n) => n.id)).toEqual(['central_central', 'central_central2', 'central_central3']);
    expect(g.edges.filter((e) => e.label === 'Raft').map((e) => `${e.from}-${e.to}`)).toEqual(['central_central-central_central2', 'central_central-central_central3', 'central_central2-central_central3']);
  });

  it("routes as arrows to their next hop's router or VM, floating IPs to their VM, load balancers to their backends", () => {
    const arrows = (name: string) =>
      labGraph(load(name))
        .edges.filter((e) => e.style === 'route' || e.style === 'nat')
        .map((e) => `${e.from} ${e.label} ${e.to}`);
    expect(arrows('gateways')).toEqual(['router_r1 src-ip 10.0.1.0/24 router_gw1', 'router_r1 src-ip 10.0.2.0/24 router_gw2', 'router_gw1 10.0.0.0/16 router_r1', 'router_gw2 10.0.0.0/16 router_r1']);
    expect(arrows('vpc')).toEqual(['router_r1 floating IP 172.16.0.100 vm_vm1']);
    expect(arrows('load-balancer')).toEqual(['lb_web backend :8080 vm_web1', 'lb_web backend :8080 vm_web2', 'lb_web backend :8080 vm_web3']);
    expect(toMermaid(labGraph(load('vpc')))).toContain('router_r1 -.->|floating IP 172.16.0.100| vm_vm1');
  });

  it('a legend with a sample of each shape and colour drawn, and each kind of line; an arrow going up is drawn back', () => {
    const dot = toDot(labGraph(load('vpc')));
    expect(dot).toMatch(/legend_k\d+ \[label="logical router" shape=octagon fillcolor="#f6d6e8"\]/);
    expect(dot).toContain('label="floating IP (NAT) to its VM"');
    expect(dot).not.toContain('next hop, LB backend');
    expect(dot).toMatch(/vm_vm1 -- router_r1 \[label="floating IP 172.16.0.100" [^\]]*dir=back\]/);
    expect(toDot(labGraph(load('vpc')), { down: new Set() })).toContain('legend_down');
  });

  it('nodes named as down are red in dot, the others in their colours', () => {
    const dot = toDot(labGraph(load('dmz')), { down: new Set(['chassis_hv1']) });
    expect(dot).toMatch(/chassis_hv1 \[[^\]]*fillcolor="#f28b82" color="#c5221f"/);
    expect(dot).toMatch(/chassis_hv2 \[[^\]]*fillcolor="#d6e4f0"\]/);
    expect(toDot(labGraph(load('dmz')))).not.toContain('#f28b82');
  });
});
