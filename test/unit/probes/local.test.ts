import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/**
 * A local check of labs/vpc.yaml from vm2: both chassis show their tunnel port's counters, read
 * before and after the pings (`tx` gives them in order).
 */
function local(to: string, ping: string, tx: string[]) {
  const lab = fakeLab('vpc', `kind: local, from: vm2, to: ${to}`).on('vm2', 'ping -n -c 3', fixture(ping));
  for (const hv of ['hv1', 'hv2']) {
    lab.on(hv, 'ovs-vsctl --timeout=10 --format=json --columns=name,type,options,external_ids list Interface', fixture(`bridge-${hv}-interfaces`));
    lab.on(hv, 'ovs-ofctl dump-ports br-int', ...tx.map(fixture));
  }
  return lab;
}

describe('local', () => {
  it('passes when every reply came and no chassis sent into a tunnel meanwhile', async () => {
    const lab = local('10.50.0.1', 'local-ping-router', ['local-dump-ports-tx-24']);
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ping 10.50.0.1: 3/3 replies; tunnel packets sent meanwhile: hv1 0, hv2 0' });
    expect(lab.ran.filter((l) => /ping|dump-ports|revalidator/.test(l))).toEqual([
      'vm2: ping -n -c 1 -W 1 10.50.0.1',
      'hv1: ovs-appctl revalidator/wait',
      'hv2: ovs-appctl revalidator/wait',
      'hv1: ovs-ofctl dump-ports br-int ovn-hv2-0',
      'hv2: ovs-ofctl dump-ports br-int ovn-hv1-0',
      'vm2: ping -n -c 3 -i 0.2 -W 1 10.50.0.1',
      'hv1: ovs-appctl revalidator/wait',
      'hv2: ovs-appctl revalidator/wait',
      'hv1: ovs-ofctl dump-ports br-int ovn-hv2-0',
      'hv2: ovs-ofctl dump-ports br-int ovn-hv1-0',
    ]);
  });

  it('fails when the pings crossed a tunnel, saying how many packets each chassis sent', async () => {
    const lab = local('vm1', 'local-ping-across', ['local-dump-ports-tx-26', 'local-dump-ports-tx-32']);
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'ping 10.50.0.11: 3/3 replies; tunnel packets sent meanwhile: hv1 6, hv2 6' });
  });
});
