import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from '../../../test/unit/probes/fake-lab.js';

/**
 * An acl_log check of labs/qos.yaml with a burst of pings: hv2's ovn-controller log read before
 * and after it (captured from that lab: vm1's ACL logs through a 2 pktps meter, vm3's without one).
 */
function burst(from: string, acl: string, lines: string, after: string) {
  return fakeLab('qos', `kind: acl_log, chassis: hv2, acl: ${acl}, while: { from: ${from}, ping: vm2, packets: 20 }, lines: ${lines}`).on('hv2', 'cat /fake/hv2/ovn-controller.log', fixture('acl-log-qos-hv2-before'), fixture(after));
}

describe('acl_log with a burst of pings', () => {
  it('counts only the lines logged during the burst: a metered ACL logs 4 of 20', async () => {
    const lab = burst('vm1', 'ping-vm1', '{ max: 8 }', 'acl-log-qos-hv2-after-vm1');
    const { ok, seen } = await lab.attempt();
    expect(ok).toBe(true);
    expect(seen).toMatch(/^4 of 4 lines of 'ping-vm1' while vm1 sent 20 pings match \(first: verdict=allow icmp,.*nw_src=10\.80\.0\.11,/);
    expect(lab.ran).toEqual(['hv2: cat /fake/hv2/ovn-controller.log', 'vm1: ping -n -q -c 20 -i 0.05 -W 1 10.80.0.12', 'hv2: cat /fake/hv2/ovn-controller.log']);
  });

  it('fails a min the meter keeps it under, saying how many lines came', async () => {
    const { ok, seen } = await burst('vm1', 'ping-vm1', '{ min: 19 }', 'acl-log-qos-hv2-after-vm1').attempt();
    expect(ok).toBe(false);
    expect(seen).toMatch(/^4 of 4 lines of 'ping-vm1'/);
  });

  it('an ACL without a meter logs every ping; its lines fail a max', async () => {
    const every = await burst('vm3', 'ping-vm3', '{ min: 19 }', 'acl-log-qos-hv2-after-vm3').attempt();
    expect(every.ok).toBe(true);
    expect(every.seen).toMatch(/^20 of 20 lines of 'ping-vm3' while vm3 sent 20 pings match/);
    expect(await burst('vm3', 'ping-vm3', '{ max: 8 }', 'acl-log-qos-hv2-after-vm3').attempt()).toMatchObject({ ok: false });
  });
});
