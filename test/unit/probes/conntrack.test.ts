import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A conntrack check of labs/vpc.yaml on the gateway chassis hv1. */
function conntrack(check: string) {
  return fakeLab('vpc', `kind: conntrack, chassis: hv1, proto: icmp, ${check}`).on('hv1', 'ovs-appctl dpctl/dump-conntrack', fixture('conntrack-hv1-nat'));
}

const vm2Snat = 'original: { src: 10.50.0.12, dst: 172.16.0.1 }, reply: { src: 172.16.0.1, dst: 172.16.0.10 }';
const first = 'icmp,orig=(src=10.50.0.12,dst=172.16.0.1,id=20401,type=8,code=0),reply=(src=172.16.0.1,dst=172.16.0.10,id=20401,type=0,code=0),zone=5';

describe('conntrack', () => {
  it('entries with the original and reply tuples expected: the NAT seen in the datapath', async () => {
    const lab = conntrack(vm2Snat);
    expect(await lab.attempt()).toEqual({ ok: true, seen: `3 of 6 entries match (first: ${first})` });
    expect(lab.ran).toEqual(['hv1: ovs-appctl dpctl/dump-conntrack']);
  });

  it('zone: only entries of that zone count', async () => {
    expect(await conntrack(`${vm2Snat}, zone: 5`).attempt()).toMatchObject({ ok: true });
    expect(await conntrack(`${vm2Snat}, zone: 6`).attempt()).toEqual({ ok: false, seen: `none of 6 entries match (first: ${first})` });
  });

  it('no entry with the tuple: present fails, absent passes', async () => {
    const seen = `none of 6 entries match (first: ${first})`;
    expect(await conntrack('original: { src: 10.50.0.99 }').attempt()).toEqual({ ok: false, seen });
    expect(await conntrack('original: { src: 10.50.0.99 }, expect: absent').attempt()).toEqual({ ok: true, seen });
  });
});

/** A conntrack check of labs/load-balancer.yaml on hv1, the client's chassis, after 30 requests to the VIP. */
function lbConntrack(check: string) {
  return fakeLab('load-balancer', `kind: conntrack, chassis: hv1, ${check}`).on('hv1', 'ovs-appctl dpctl/dump-conntrack', fixture('conntrack-hv1-load-balancer'));
}

const toVip = 'proto: tcp, original: { src: 10.70.0.21, dst: 10.72.0.100, dport: 80 }';

describe('conntrack: zone 0, mark and labels, which OVS leaves out when they are 0', () => {
  it('mark: the load balancer sets ct_mark.natted (mark=2); a mask asks for some bits only', async () => {
    expect(await lbConntrack(`${toVip}, mark: 2`).attempt()).toMatchObject({ ok: true, seen: expect.stringMatching(/^6 of 11 entries match \(first: tcp,orig=\(src=10.70.0.21,dst=10.72.0.100,sport=47236,dport=80\).*,zone=8,mark=2,/) });
    expect(await lbConntrack(`${toVip}, mark: 0x2/0x2`).attempt()).toMatchObject({ ok: true });
    expect(await lbConntrack(`${toVip}, mark: 0x1/0x1`).attempt()).toMatchObject({ ok: false });
  });

  it('mark 0 is an entry that prints no mark=: the direct connection to web1 has none', async () => {
    const direct = 'proto: tcp, original: { src: 10.70.0.21, dst: 10.70.0.11, dport: 8080 }';
    expect(await lbConntrack(`${direct}, mark: 0`).attempt()).toMatchObject({ ok: true, seen: expect.stringMatching(/^2 of 11 entries match/) });
    expect(await lbConntrack(`${toVip}, mark: 0`).attempt()).toMatchObject({ ok: false });
  });

  it('labels: none of these entries has one, so labels 0 matches and any other does not', async () => {
    expect(await lbConntrack(`${toVip}, labels: 0`).attempt()).toMatchObject({ ok: true });
    expect(await lbConntrack(`${toVip}, labels: 0x1/0x1`).attempt()).toMatchObject({ ok: false });
  });

  it('zone: 0 is not the zone of the balanced entries (8)', async () => {
    expect(await lbConntrack(`${toVip}, zone: 0`).attempt()).toMatchObject({ ok: false });
    expect(await lbConntrack(`${toVip}, zone: 8`).attempt()).toMatchObject({ ok: true });
  });
});

describe('conntrack: zone 0', () => {
  /** labs/gateways.yaml with gw1's SNAT in zone 0 (options snat-ct-zone: 0): hv1 after vm1 pinged ext1. */
  const zone0 = (check: string) =>
    fakeLab('gateways', `kind: conntrack, chassis: hv1, proto: icmp, original: { src: 10.0.1.10, dst: 172.16.0.1 }, ${check}`).on('hv1', 'ovs-appctl dpctl/dump-conntrack', fixture('conntrack-hv1-snat-zone-0'));
  const snat = 'icmp,orig=(src=10.0.1.10,dst=172.16.0.1,id=23133,type=8,code=0),reply=(src=172.16.0.1,dst=172.16.0.2,id=23133,type=0,code=0)';

  it('OVS prints no zone= for zone 0: zone 0 is the entry without one (the SNAT)', async () => {
    expect(await zone0('zone: 0').attempt()).toEqual({ ok: true, seen: `1 of 2 entries match (first: ${snat})` });
  });

  it("the switch port's zone is another entry, the one not NATed", async () => {
    expect(await zone0('zone: 10, reply: { dst: 10.0.1.10 }').attempt()).toMatchObject({ ok: true });
    expect(await zone0('zone: 10, reply: { dst: 172.16.0.2 }').attempt()).toMatchObject({ ok: false });
  });
});

describe('conntrack: IPv6 and the ACL label', () => {
  /** labs/dhcpv6.yaml on hv2 after vm1 connected to vm2's server over IPv6, allowed by the ACL with label 61. */
  const v6 = (check: string) => fakeLab('dhcpv6', `kind: conntrack, chassis: hv2, proto: tcp, ${check}`).on('hv2', 'ovs-appctl dpctl/dump-conntrack', fixture('conntrack-hv2-ipv6-acl-label'));
  const entry = 'tcp,orig=(src=fd00:61::11,dst=fd00:62::ff:fe62:12,sport=45492,dport=8080),reply=(src=fd00:62::ff:fe62:12,dst=fd00:61::11,sport=8080,dport=45492),zone=3,labels=0x3d000000000000000000000000,protoinfo=(state=TIME_WAIT)';

  it('IPv6 addresses, also written in full, and the label in the top 32 bits of ct_label', async () => {
    expect(await v6('original: { src: fd00:61::11, dst: fd00:62::ff:fe62:12, dport: 8080 }, acl_label: 61').attempt()).toEqual({ ok: true, seen: `1 of 1 entries match (first: ${entry.slice(0, 199)}…)` });
    expect(await v6('original: { src: fd00:61:0:0:0:0:0:11 }, reply: { dst: fd00:0061::11 }').attempt()).toMatchObject({ ok: true });
  });

  it('labels as ct_label prints them, or value/mask', async () => {
    expect(await v6('original: { src: fd00:61::11 }, labels: "0x3d000000000000000000000000"').attempt()).toMatchObject({ ok: true });
    expect(await v6('original: { src: fd00:61::11 }, labels: "0x3d000000000000000000000000/0xffffffff000000000000000000000000"').attempt()).toMatchObject({ ok: true });
    expect(await v6('original: { src: fd00:61::11 }, labels: 0x3d').attempt()).toMatchObject({ ok: false });
  });

  it('another label does not match', async () => {
    expect(await v6('original: { src: fd00:61::11 }, acl_label: 62').attempt()).toEqual({ ok: false, seen: `none of 1 entries match (first: ${entry.slice(0, 159)}…)` });
  });
});

describe('conntrack: the mark OVN 25.03 puts on an entry an ACL allowed', () => {
  /** labs/dhcpv6.yaml on docker trixie (OVN 25.03): hv2 after vm1 connected to vm2's server over IPv6. */
  const v6on25 = (check: string) =>
    fakeLab('dhcpv6', `kind: conntrack, chassis: hv2, proto: tcp, original: { src: fd00:61::11, dport: 8080 }, ${check}`).on('hv2', 'ovs-appctl dpctl/dump-conntrack', fixture('conntrack-hv2-ipv6-acl-label-25.03'));

  it('mark=32: ct_mark.obs_stage (bits 4-5) is 2, a to-lport ACL; the label is where 23.03 keeps it', async () => {
    expect(await v6on25('mark: 0x20/0x30, acl_label: 61').attempt()).toMatchObject({ ok: true, seen: expect.stringMatching(/^1 of 3 entries match .*zone=3,mark=32,labels=0x3d000000000000000000000000,/) });
    expect(await v6on25('mark: 0').attempt()).toMatchObject({ ok: false });
  });
});
