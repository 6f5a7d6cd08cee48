import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A tunnels check of labs/vpc.yaml: each chassis' OVS Interface table. */
function tunnels(check: string) {
  const lab = fakeLab('vpc', `kind: tunnels${check}`);
  for (const hv of ['hv1', 'hv2']) lab.on(hv, 'ovs-vsctl --timeout=10 --format=json --columns=name,type,options,external_ids list Interface', fixture(`bridge-${hv}-interfaces`));
  return lab;
}

describe('tunnels', () => {
  it("a full mesh: each chassis has a tunnel to every other one's address", async () => {
    const lab = tunnels('');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'hv1 → geneve 192.168.100.3; hv2 → geneve 192.168.100.2' });
    expect(lab.ran).toEqual(['hv1: ovs-vsctl --timeout=10 --format=json --columns=name,type,options,external_ids list Interface', 'hv2: ovs-vsctl --timeout=10 --format=json --columns=name,type,options,external_ids list Interface']);
  });

  it('options: every tunnel must have them, and the options are shown', async () => {
    expect(await tunnels(", options: { csum: 'true' }").attempt()).toEqual({
      ok: true,
      seen: 'hv1 → geneve 192.168.100.3 (csum=true key=flow remote_ip=192.168.100.3); hv2 → geneve 192.168.100.2 (csum=true key=flow remote_ip=192.168.100.2)',
    });
    expect(await tunnels(", options: { csum: 'false' }").attempt()).toMatchObject({ ok: false });
  });

  it('a chassis without its tunnel fails (hv1 deleted from the SB, hv2 removed its tunnel)', async () => {
    const lab = fakeLab('vpc', 'kind: tunnels').on('hv1', 'ovs-vsctl', fixture('tunnels-hv1-interfaces-controller-dead')).on('hv2', 'ovs-vsctl', fixture('tunnels-hv2-interfaces-hv1-deleted'));
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'hv1 → geneve 192.168.100.3; hv2 → none' });
  });
});
