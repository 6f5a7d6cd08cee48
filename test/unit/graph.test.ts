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
  it('every member of a clustered central, joined to the first by Raft', () => {
    const g = labGraph(load('central-ha'));
    expect(g.nodes.filter((n) => n.kind === 'central').map((n) => n.id)).toEqual(['central_central', 'central_central2', 'central_central3']);
    expect(g.edges.filter((e) => e.label === 'Raft').map((e) => e.to)).toEqual(['central_central2', 'central_central3']);
  });

  it('nodes named as down are red in dot, the others in their colours', () => {
    const dot = toDot(labGraph(load('dmz')), { down: new Set(['chassis_hv1']) });
    expect(dot).toMatch(/chassis_hv1 \[[^\]]*fillcolor="#f28b82" color="#c5221f"/);
    expect(dot).toMatch(/chassis_hv2 \[[^\]]*fillcolor="#d6e4f0"\]/);
    expect(toDot(labGraph(load('dmz')))).not.toContain('#f28b82');
  });
});
