import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A datapath_flow check of labs/load-balancer.yaml on hv1, after the client's requests to the VIP. */
function dpflow(check: string) {
  return fakeLab('load-balancer', `kind: datapath_flow, chassis: hv1, ${check}`).on('hv1', 'ovs-appctl dpctl/dump-flows', fixture('datapath-flow-hv1-load-balancer'));
}

const vip = 'match: "ipv4(dst=10.72.0.100,proto=6"';

describe('datapath_flow', () => {
  it("the client's packets to the VIP go to conntrack first (ct(zone=8,nat)); the one after it hashes for the group's bucket (no ct)", async () => {
    const { ok, seen } = await dpflow(`${vip}, ct: true`).attempt();
    expect(ok).toBe(true);
    expect(seen).toMatch(/^1 of 31 datapath flows match \(first: recirc_id\(0\),in_port\(6\),.*ipv4\(dst=10\.72\.0\.100,proto=6,frag=no\),tcp\(dst=80\), packets:30, actions:ct\(zone=8,nat\),recirc\(0x8\)\)$/);
  });

  it('ct: false is a flow whose actions have no ct(: the tunnel traffic popped to the geneve port', async () => {
    expect(await dpflow('match: "udp(dst=6081)", ct: false, actions: tnl_pop(').attempt()).toMatchObject({ ok: true });
    expect(await dpflow('match: "udp(dst=6081)", ct: true').attempt()).toMatchObject({
      ok: false,
      seen: expect.stringMatching(/^none of 31 datapath flows match \(one with that match: recirc_id\(0\),in_port\(2\),.*udp\(dst=6081\), packets:17, actions:tnl_pop\(4\)\)$/),
    });
  });

  it('actions: the bucket the select group picked, as a datapath ct(commit,…,nat(dst=…))', async () => {
    expect(await dpflow('actions: "nat(dst=10.70.0.11:8080)"').attempt()).toMatchObject({ ok: true });
  });

  it('while: the traffic is made before the look', async () => {
    const lab = dpflow(`${vip}, ct: true, while: { from: client, connect: { to: 10.72.0.100, port: 80 } }`);
    expect(await lab.attempt()).toMatchObject({ ok: true });
    expect(lab.ran[0]).toMatch(/^client: \/usr\/bin\/python3 -c /);
    expect(lab.ran[1]).toBe('hv1: ovs-appctl dpctl/dump-flows');
  });

  it('none left: gone passes, present fails', async () => {
    const none = 'none of 31 datapath flows match';
    expect(await dpflow('match: "ipv4(dst=10.72.0.99"').attempt()).toEqual({ ok: false, seen: none });
    expect(await dpflow('match: "ipv4(dst=10.72.0.99", expect: gone').attempt()).toEqual({ ok: true, seen: none });
  });
});

describe('datapath_flow: ct: false', () => {
  it("the VIP's flow after conntrack hashes for the group's bucket, with no ct(", async () => {
    const lab = fakeLab('load-balancer', 'kind: datapath_flow, chassis: hv1, match: "ipv4(dst=10.72.0.100,proto=6", actions: "hash(l4(0))", ct: false').on('hv1', 'ovs-appctl dpctl/dump-flows', fixture('datapath-flow-hv1-load-balancer'));
    expect(await lab.attempt()).toMatchObject({ ok: true, seen: expect.stringMatching(/^1 of 31 datapath flows match \(first: ct_state\(\+new-est-rel-rpl-inv\+trk\),.* actions:hash\(l4\(0\)\),recirc\(0x9\)\)$/) });
  });
});

describe('datapath_flow on OVN 26.03 (OVS 4.0)', () => {
  const sid = (check: string) => fakeLab('load-balancer', `kind: datapath_flow, chassis: hv1, ${check}`).on('hv1', 'ovs-appctl dpctl/dump-flows', fixture('datapath-flow-hv1-load-balancer-26.03'));

  it("the first flow is the same: the client's packets to the VIP go to conntrack", async () => {
    expect(await sid('match: "ipv4(dst=10.72.0.100,proto=6", ct: true').attempt()).toMatchObject({ ok: true, seen: expect.stringMatching(/^1 of 24 datapath flows match .*actions:ct\(zone=8,nat\),recirc\(0x8\)\)$/) });
  });

  it("the one that hashes for the bucket matches the connection's original tuple from conntrack (ct_tuple4), not the packet's proto", async () => {
    expect(await sid('match: "ct_tuple4(proto=6,tp_dst=80)", actions: "hash(l4(0))", ct: false').attempt()).toMatchObject({ ok: true });
    expect(await dpflowOn23('match: "ct_tuple4("').attempt()).toMatchObject({ ok: false });
  });
});

function dpflowOn23(check: string) {
  return fakeLab('load-balancer', `kind: datapath_flow, chassis: hv1, ${check}`).on('hv1', 'ovs-appctl dpctl/dump-flows', fixture('datapath-flow-hv1-load-balancer'));
}
