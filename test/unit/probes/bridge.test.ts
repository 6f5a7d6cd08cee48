import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A bridge check of labs/vpc.yaml: `hv`'s OVS lists `bridge`'s ports, and its Port and Interface tables. */
function bridge(hv: string, bridge: string, check: string) {
  return fakeLab('vpc', `kind: bridge, chassis: ${hv}, bridge: ${bridge}, ${check}`)
    .on(hv, `ovs-vsctl --timeout=10 list-ports ${bridge}`, fixture(`bridge-${hv}-list-ports-${bridge}`))
    .on(hv, 'ovs-vsctl --timeout=10 --format=json --columns=name,vlan_mode,trunks list Port', fixture(`bridge-${hv}-ports`))
    .on(hv, 'ovs-vsctl --timeout=10 --format=json --columns=name,type,options,external_ids list Interface', fixture(`bridge-${hv}-interfaces`));
}

const patch = 'patch-public-localnet-to-br-int (patch: peer=patch-br-int-to-public-localnet)';

describe('bridge', () => {
  it('a port by pattern, with the type and options expected', async () => {
    const lab = bridge('hv1', 'br-ex', 'port: patch-*-to-br-int, type: patch, options: { peer: patch-br-int-to-* }');
    expect(await lab.attempt()).toEqual({ ok: true, seen: patch });
    expect(lab.ran).toEqual([
      'hv1: ovs-vsctl --timeout=10 list-ports br-ex',
      'hv1: ovs-vsctl --timeout=10 --format=json --columns=name,vlan_mode,trunks list Port',
      'hv1: ovs-vsctl --timeout=10 --format=json --columns=name,type,options,external_ids list Interface',
    ]);
  });

  it('another type or VLAN mode than expected fails', async () => {
    expect(await bridge('hv1', 'br-ex', 'port: patch-*-to-br-int, type: internal').attempt()).toEqual({ ok: false, seen: patch });
    expect(await bridge('hv1', 'br-ex', 'port: patch-*-to-br-int, vlan_mode: trunk').attempt()).toEqual({ ok: false, seen: patch });
  });

  it('external_ids: shown and matched when asked for', async () => {
    const seen = 'vm1 (system: iface-id=tenant-vm1 ovn-installed=true ovn-installed-ts=1796465835233)';
    expect(await bridge('hv1', 'br-int', 'port: vm1, external_ids: { iface-id: tenant-vm1 }').attempt()).toEqual({ ok: true, seen });
    expect(await bridge('hv1', 'br-int', 'port: vm1, external_ids: { iface-id: tenant-vm2 }').attempt()).toEqual({ ok: false, seen });
  });

  it('no such port on the bridge: absent passes, and the ports there are listed', async () => {
    const seen = 'no port patch-* on br-int (its ports: ovn-hv1-0, vm2)';
    expect(await bridge('hv2', 'br-int', 'port: patch-*, expect: absent').attempt()).toEqual({ ok: true, seen });
    expect(await bridge('hv2', 'br-int', 'port: patch-*').attempt()).toEqual({ ok: false, seen });
  });

  it('no such bridge: present fails, absent passes', async () => {
    const noBridge = (expect: string) =>
      fakeLab('vpc', `kind: bridge, chassis: hv2, bridge: br-ex, port: '*', expect: ${expect}`).on('hv2', 'ovs-vsctl --timeout=10 list-ports br-ex', { exit: 1, stderr: fixture('bridge-hv2-no-br-ex.stderr') });
    expect(await noBridge('present').attempt()).toEqual({ ok: false, seen: 'hv2 has no bridge br-ex' });
    expect(await noBridge('absent').attempt()).toEqual({ ok: true, seen: 'hv2 has no bridge br-ex' });
  });
});
