import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

describe('log', () => {
  it("lines of a log in the node's run directory that match", async () => {
    const lab = fakeLab('vpc', "kind: log, node: hv1, file: ovn-controller.log, match: 'connected$'").on('hv1', 'cat /fake/hv1/ovn-controller.log', fixture('log-hv1-ovn-controller'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: '5 matching lines (first: 2026-12-05T10:17:14.847Z|00004|reconnect|INFO|unix:/run/lab/probe-vpc/nodes/hv1/db.sock: connected)' });
    expect(lab.ran).toEqual(['hv1: cat /fake/hv1/ovn-controller.log']);
  });

  it('no matching line: absent passes, present fails', async () => {
    const log = (expect: string) => fakeLab('vpc', `kind: log, node: hv1, file: ovn-controller.log, match: 'no such line', expect: ${expect}`).on('hv1', 'cat', fixture('log-hv1-ovn-controller'));
    expect(await log('absent').attempt()).toEqual({ ok: true, seen: 'no matching line in ovn-controller.log' });
    expect(await log('present').attempt()).toEqual({ ok: false, seen: 'no matching line in ovn-controller.log' });
  });

  it('a line that must not be there is', async () => {
    const lab = fakeLab('dnsmasq-ha', 'kind: log, node: dhcp1, file: dnsmasq.log, match: DHCPNAK, expect: absent').on('dhcp1', 'cat /fake/dhcp1/dnsmasq.log', fixture('log-dhcp1-dnsmasq'));
    expect(await lab.attempt()).toEqual({ ok: false, seen: '2 matching lines (first: Dec  5 10:20:26 dnsmasq-dhcp[27004]: 338795374 DHCPNAK(eth0) 10.40.0.11 02:00:0a:28:00:0b wrong server-ID)' });
  });

  it('no such file: absent passes, present fails', async () => {
    const log = (expect: string) => fakeLab('vpc', `kind: log, node: hv1, file: nothing.log, match: x, expect: ${expect}`).on('hv1', 'cat', { exit: 1, stderr: fixture('log-no-file.stderr') });
    expect(await log('absent').attempt()).toEqual({ ok: true, seen: 'hv1 has no nothing.log' });
    expect(await log('present').attempt()).toEqual({ ok: false, seen: 'hv1 has no nothing.log' });
  });
});
