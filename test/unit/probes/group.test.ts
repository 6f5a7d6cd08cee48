import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A group check of labs/load-balancer.yaml on hv1: the VIP's select group, as OVN 23.03 (or 25.03) installs it. */
function group(check: string, captured = 'group-hv1-load-balancer') {
  return fakeLab('load-balancer', `kind: group, chassis: hv1, ${check}`).on('hv1', 'ovs-ofctl dump-groups br-int', fixture(captured));
}

const three = 'backends: [10.70.0.11:8080, 10.70.0.12:8080, 10.70.0.13:8080]';
const seen = '1 of 1 groups match; group 1 select: 10.70.0.11:8080, 10.70.0.12:8080, 10.70.0.13:8080';

describe('group', () => {
  it("the select group with one bucket per backend, in any order, each bucket's actions with the text", async () => {
    const lab = group(`type: select, backends: [10.70.0.13:8080, 10.70.0.11:8080, 10.70.0.12:8080], bucket_actions: "ct(commit"`);
    expect(await lab.attempt()).toEqual({ ok: true, seen });
    expect(lab.ran).toEqual(['hv1: ovs-ofctl dump-groups br-int']);
  });

  it('25.03 installs the same group', async () => {
    expect(await group(three, 'group-hv1-load-balancer-25.03').attempt()).toEqual({ ok: true, seen });
  });

  it('backends are exactly the buckets: two of the three do not match, and absent or gone then holds', async () => {
    const two = 'backends: [10.70.0.11:8080, 10.70.0.12:8080]';
    const none = '0 of 1 groups match; group 1 select: 10.70.0.11:8080, 10.70.0.12:8080, 10.70.0.13:8080';
    expect(await group(two).attempt()).toEqual({ ok: false, seen: none });
    expect(await group(`${two}, expect: gone`).attempt()).toEqual({ ok: true, seen: none });
    expect(await group(`${three}, expect: gone`).attempt()).toEqual({ ok: false, seen });
  });

  it('another type, or a text not in every bucket, does not match', async () => {
    expect(await group(`${three}, type: all`).attempt()).toMatchObject({ ok: false });
    expect(await group(`${three}, bucket_actions: "nat(dst=10.70.0.11"`).attempt()).toMatchObject({ ok: false });
  });

  it('no group at all says so', async () => {
    const lab = fakeLab('load-balancer', `kind: group, chassis: hv1, ${three}`).on('hv1', 'ovs-ofctl dump-groups br-int', 'NXST_GROUP_DESC reply (xid=0x2):\n');
    expect(await lab.attempt()).toEqual({ ok: false, seen: "no group on hv1's br-int" });
  });
});
