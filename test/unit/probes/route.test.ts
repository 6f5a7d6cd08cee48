import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

describe('route', () => {
  it('the default route, through the gateway expected', async () => {
    const route = (via: string) => fakeLab('vpc', `kind: route, node: vm1, to: default, via: ${via}`).on('vm1', 'ip -4 route show default', fixture('route-default-vm1'));
    const lab = route('10.50.0.1');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'vm1: default via 10.50.0.1 dev eth0' });
    expect(lab.ran).toEqual(['vm1: ip -4 route show default']);
    expect(await route('10.50.0.9').attempt()).toEqual({ ok: false, seen: 'vm1: default via 10.50.0.1 dev eth0' });
  });

  it('a route to an address: the first line of ip route get', async () => {
    const lab = fakeLab('vpc', 'kind: route, node: ext1, to: 172.16.0.100').on('ext1', 'ip -4 route get 172.16.0.100', fixture('route-get-ext1'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ext1: 172.16.0.100 dev eth0 src 172.16.0.1 uid 0 ' });
    expect(lab.ran).toEqual(['ext1: ip -4 route get 172.16.0.100']);
  });

  it('no route: absent passes, present fails, with what ip said', async () => {
    const route = (expect: string) =>
      fakeLab('vpc', `kind: route, node: ext1, to: 10.50.0.12, expect: ${expect}`)
        .on('ext1', 'ip -4 route get', { exit: 2, stderr: fixture('route-get-no-route.stderr') })
        .attempt();
    const seen = 'ext1: no route to 10.50.0.12 (RTNETLINK answers: Network is unreachable)';
    expect(await route('absent')).toEqual({ ok: true, seen });
    expect(await route('present')).toEqual({ ok: false, seen });
  });
});
