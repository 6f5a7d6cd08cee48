import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A capture check whose tcpdump, on `node`, listens, ends by itself, and caught `out`. */
function capture(file: string, node: string, check: string, out: string) {
  return fakeLab(file, `kind: capture, on: ${node}, ${check}`)
    .on(node, /^cat \S+\.err$/, fixture('capture-tcpdump-listening'))
    .on(node, /^sh -c kill -0/, { exit: 1 })
    .on(node, /^cat \S+\.out$/, fixture(out));
}

const echoFromVm2 = "filter: 'icmp[icmptype] == icmp-echo', while: { from: vm2, ping: ext1 }";
const snatEcho = '10:17:21.359505 IP 172.16.0.10 > 172.16.0.1: ICMP echo request, id 20401, seq 1, length 64';

describe('capture', () => {
  it('tcpdump listens before the ping is sent; packets from and to the addresses expected pass', async () => {
    const lab = capture('vpc', 'ext1', `${echoFromVm2}, src: 172.16.0.10, dst: 172.16.0.1`, 'capture-snat-echo');
    expect(await lab.attempt()).toEqual({ ok: true, seen: `1 packet, 1 from/to as expected (first: ${snatEcho})` });
    expect(lab.ran).toEqual([
      expect.stringMatching(/^ext1: sh -c timeout .* capture 3 eth0 1 icmp\[icmptype\] == icmp-echo \/fake\/ext1\/capture-\d+-\d+$/s),
      expect.stringMatching(/^ext1: cat \/fake\/ext1\/capture-\d+-\d+\.err$/),
      'vm2: ping -n -c 2 -i 0.2 -W 1 172.16.0.1',
      expect.stringMatching(/^ext1: sh -c kill -0 .* running \/fake\/ext1\/capture-\d+-\d+$/),
      expect.stringMatching(/^ext1: cat \/fake\/ext1\/capture-\d+-\d+\.out$/),
      expect.stringMatching(/^ext1: rm -f \/fake\/ext1\/capture-\d+-\d+\.out /),
    ]);
  });

  it('a packet from another source than expected fails (no SNAT to that address)', async () => {
    const lab = capture('vpc', 'ext1', `${echoFromVm2}, src: 172.16.0.100`, 'capture-snat-echo');
    expect(await lab.attempt()).toEqual({ ok: false, seen: `1 packet, 0 from/to as expected (first: ${snatEcho})` });
  });

  it('nothing caught: expect absent passes, present fails', async () => {
    const seen = "no 'tcp' packet on ext1:eth0";
    expect(await capture('vpc', 'ext1', 'filter: tcp, while: { from: vm2, ping: ext1 }, expect: absent', 'capture-nothing').attempt()).toEqual({ ok: true, seen });
    expect(await capture('vpc', 'ext1', 'filter: tcp, while: { from: vm2, ping: ext1 }', 'capture-nothing').attempt()).toEqual({ ok: false, seen });
  });

  it('IPv6: addresses compared in canonical form, ports stripped', async () => {
    const lab = capture('dhcpv6', 'vm2', "filter: tcp port 8080, while: { from: vm1, connect: { to: vm2, port: 8080 }, family: 6 }, src: 'fd00:61:0::11'", 'capture-v6-syn');
    expect(await lab.attempt()).toEqual({
      ok: true,
      seen: '1 packet, 1 from/to as expected (first: 10:21:25.629115 IP6 fd00:61::11.51156 > fd00:62::ff:fe62:12.8080: Flags [S], seq 2575857940, win 64320, options [mss 1340,sackOK,TS val 391028408 ecr…)',
    });
    expect(lab.ran).toContainEqual(expect.stringMatching(/^vm1: \/usr\/bin\/python3 -c .* tcp fd00:62::ff:fe62:12 8080 1$/s));
  });
});
