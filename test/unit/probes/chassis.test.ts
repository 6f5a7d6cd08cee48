import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

const encaps = 'ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=chassis_name,type,ip list Encap';
const registered = 'ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=name,chassis list Chassis_Private';
const status = 'ovn-appctl -t ovn-controller connection-status';

describe('chassis', () => {
  it("each chassis registered with its encap and the lab's address for it", async () => {
    const lab = fakeLab('vpc', 'kind: chassis').on('central', encaps, fixture('chassis-encaps')).on('central', registered, fixture('chassis-private'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'hv1 geneve 192.168.100.2, hv2 geneve 192.168.100.3' });
    expect([...lab.ran].sort()).toEqual([`central: ${encaps}`, `central: ${registered}`]);
  });

  it('a chassis whose row central wrote and whose ovn-controller never registered (no Chassis_Private row) is not registered', async () => {
    const lab = fakeLab('vpc', 'kind: chassis').on('central', encaps, fixture('chassis-encaps-hv2-not-registered')).on('central', registered, fixture('chassis-private-hv2-not-registered'));
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'hv1 geneve 192.168.100.2' });
  });

  it('a chassis of the lab missing from the SB fails; one not asked for is not needed', async () => {
    const chassis = (which: string) => fakeLab('vpc', `kind: chassis${which}`).on('central', encaps, fixture('chassis-encaps-hv1-deleted')).on('central', registered, fixture('chassis-private-hv1-deleted')).attempt();
    expect(await chassis('')).toEqual({ ok: false, seen: 'hv2 geneve 192.168.100.3' });
    expect(await chassis(', chassis: [hv2]')).toEqual({ ok: true, seen: 'hv2 geneve 192.168.100.3' });
  });

  it("connected: each ovn-controller's connection-status", async () => {
    const lab = fakeLab('vpc', 'kind: chassis, connected: true').on('central', encaps, fixture('chassis-encaps')).on('central', registered, fixture('chassis-private'));
    lab.on('hv1', status, fixture('chassis-connected')).on('hv2', status, fixture('chassis-connected'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'hv1 geneve 192.168.100.2, hv2 geneve 192.168.100.3; hv1 connected, hv2 connected' });
    expect([...lab.ran].sort()).toEqual([`central: ${encaps}`, `central: ${registered}`, `hv1: ${status}`, `hv2: ${status}`]);
  });

  it('connected: an ovn-controller that does not answer fails', async () => {
    const lab = fakeLab('dnsmasq-ha', 'kind: chassis, connected: true').on('central', encaps, fixture('chassis-encaps-three')).on('central', registered, fixture('chassis-private-three'));
    lab.on('hv1', status, fixture('chassis-connected')).on('hv2', status, fixture('chassis-connected'));
    lab.on('hv3', status, { exit: 1, stderr: fixture('chassis-controller-dead.stderr') });
    expect(await lab.attempt()).toEqual({
      ok: false,
      seen: 'hv1 geneve 192.168.100.2, hv2 geneve 192.168.100.3, hv3 geneve 192.168.100.4; hv1 connected, hv2 connected, hv3 no answer',
    });
  });
});
