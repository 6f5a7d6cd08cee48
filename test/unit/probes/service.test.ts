import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

const end = /^sh -c p=\$\(cat "\$1" 2>\/dev\/null\) \|\| exit 0; kill -TERM .* end \/fake\/dhcp1\/dnsmasq\.pid$/s;
const state = /^sh -c for f in .* daemons \/fake\/dhcp1\/dnsmasq\.pid$/s;

/** A stop or start check of labs/dnsmasq-ha.yaml on dhcp1, whose dnsmasq pid file says `states` in turn. */
function service(kind: 'kind: stop' | 'kind: start', ...states: string[]) {
  return fakeLab('dnsmasq-ha', `${kind}, service: dhcp1`).on('dhcp1', state, ...states.map(fixture));
}

describe('stop', () => {
  it("ends the service's daemon by its pid file and sees it gone", async () => {
    const lab = service('kind: stop', 'service-dnsmasq-gone');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'dhcp1 stopped' });
    expect(lab.ran.map((l) => l.replace(/^dhcp1: /, ''))).toEqual([expect.stringMatching(end), expect.stringMatching(state)]);
  });

  it('a daemon still running fails', async () => {
    expect(await service('kind: stop', 'service-dnsmasq-running').attempt()).toEqual({ ok: false, seen: 'dhcp1 running' });
  });

  it('a daemon that does not end within 5 s is an error', async () => {
    const lab = service('kind: stop', 'service-dnsmasq-running').on('dhcp1', end, { exit: 1 });
    await expect(lab.attempt()).rejects.toThrow('dnsmasq in dhcp1 did not end within 5 s');
  });
});

describe('start', () => {
  it('starts dnsmasq where it is not running, and sees it running', async () => {
    const lab = service('kind: start', 'service-dnsmasq-gone', 'service-dnsmasq-running');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'dhcp1 running' });
    expect(lab.ran[1]).toMatch(/^dhcp1: dnsmasq --conf-file=\/dev\/null .* --dhcp-leasefile=\/fake\/dhcp1\/dnsmasq\.leases --pid-file=\/fake\/dhcp1\/dnsmasq\.pid /);
  });

  it('a running daemon is left as it is', async () => {
    const lab = service('kind: start', 'service-dnsmasq-running');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'dhcp1 running' });
    expect(lab.ran.some((l) => l.startsWith('dhcp1: dnsmasq'))).toBe(false);
  });

  it('a daemon that is not running after its start fails', async () => {
    expect(await service('kind: start', 'service-dnsmasq-gone').attempt()).toEqual({ ok: false, seen: 'dhcp1 stopped' });
  });
});
