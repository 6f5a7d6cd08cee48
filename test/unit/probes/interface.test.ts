import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** An interface check of labs/vpc.yaml on vm1's eth0. */
function iface(check: string) {
  return fakeLab('vpc', `kind: interface, node: vm1${check}`).on('vm1', 'ip -o link show dev eth0', fixture('interface-link-vm1')).on('vm1', 'ip -o addr show dev eth0', fixture('interface-addr-vm1'));
}

const seen = 'vm1 eth0 up, mtu 1400, mac 02:00:0a:32:00:0b, 10.50.0.11/24';

describe('interface', () => {
  it('up, with the MTU, MAC and addresses expected', async () => {
    const lab = iface(', mtu: 1400, mac: 02:00:0a:32:00:0b, addresses: [10.50.0.11/24]');
    expect(await lab.attempt()).toEqual({ ok: true, seen });
    expect(lab.ran).toEqual(['vm1: ip -o link show dev eth0', 'vm1: ip -o addr show dev eth0']);
  });

  it('another MTU, MAC or a missing address fails', async () => {
    expect(await iface(', mtu: 1500').attempt()).toEqual({ ok: false, seen });
    expect(await iface(', mac: 02:00:0a:32:00:0c').attempt()).toEqual({ ok: false, seen });
    expect(await iface(', addresses: [10.50.0.12/24]').attempt()).toEqual({ ok: false, seen });
  });

  it('no such interface fails', async () => {
    const lab = fakeLab('vpc', 'kind: interface, node: vm1, interface: eth7').on('vm1', 'ip -o link show dev eth7', { exit: 1, stderr: fixture('interface-missing.stderr') });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'vm1 has no eth7' });
    expect(lab.ran).toEqual(['vm1: ip -o link show dev eth7']);
  });
});
