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
