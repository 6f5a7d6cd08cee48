import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

const noRoute = { exit: 2, stderr: fixture('ping-no-route.stderr') };

describe('ping', () => {
  it('passes on 3/3 replies from the address of the node named', async () => {
    const lab = fakeLab('vpc', 'kind: ping, from: vm2, to: ext1').on('vm2', 'ping', fixture('ping-3-replies-ttl-63'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ping 172.16.0.1: 3/3 replies' });
    expect(lab.ran).toEqual(['vm2: ping -n -c 3 -i 0.2 -W 1 172.16.0.1']);
  });

  it('says the ttl replies came with, and fails on another than expected', async () => {
    const ping = (ttl: number) => fakeLab('vpc', `kind: ping, from: vm2, to: ext1, ttl: ${ttl}`).on('vm2', 'ping', fixture('ping-3-replies-ttl-63')).attempt();
    expect(await ping(63)).toEqual({ ok: true, seen: 'ping 172.16.0.1: 3/3 replies with ttl 63' });
    expect(await ping(64)).toEqual({ ok: false, seen: 'ping 172.16.0.1: 3/3 replies with ttl 63' });
  });

  it('reads the IPv6 hop limit as the ttl', async () => {
    const lab = fakeLab('dhcpv6', 'kind: ping, from: vm1, to: vm2, family: 6, ttl: 63').on('vm1', 'ping', fixture('ping6-hlim-254'));
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'ping fd00:62::ff:fe62:12: 3/3 replies with ttl 254' });
  });

  it('fails on 0/3 replies', async () => {
    const lab = fakeLab('vpc', 'kind: ping, from: vm1, to: 10.50.0.99').on('vm1', 'ping', { exit: 1, stdout: fixture('ping-0-of-3-replies') });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'ping 10.50.0.99: 0/3 replies' });
  });

  it('expect unreachable: one ping, which must go unanswered', async () => {
    const lab = fakeLab('vpc', 'kind: ping, from: vm1, to: 10.50.0.99, expect: unreachable').on('vm1', 'ping', { exit: 1, stdout: fixture('ping-0-of-1-replies') });
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ping 10.50.0.99: 0/1 replies' });
    expect(lab.ran).toEqual(['vm1: ping -n -c 1 -i 0.2 -W 1 10.50.0.99']);
  });

  it('no route: ping cannot send, which is no reply, and says why', async () => {
    const ping = (expect: string) => fakeLab('vpc', `kind: ping, from: ext1, to: 10.50.0.12, expect: ${expect}`).on('ext1', 'ping', noRoute).attempt();
    const seen = 'ping 10.50.0.12: no reply (ping: connect: Network is unreachable)';
    expect(await ping('reachable')).toEqual({ ok: false, seen });
    expect(await ping('unreachable')).toEqual({ ok: true, seen });
  });

  it('size: unfragmented packets of that size', async () => {
    const lab = fakeLab('vpc', 'kind: ping, from: vm2, to: ext1, size: 1372').on('vm2', 'ping', fixture('ping-3-replies-ttl-63'));
    await lab.attempt();
    expect(lab.ran).toEqual(['vm2: ping -n -c 3 -i 0.2 -W 1 -M do -s 1372 172.16.0.1']);
  });
});
