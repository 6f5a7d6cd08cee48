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
  it('tcpdump listens before the ping is sent, its window counted from the ping (timeout only a backstop: 3 s + 5 to listen + 2), and it is ended by its PID; packets from and to the addresses expected pass', async () => {
    const lab = capture('vpc', 'ext1', `${echoFromVm2}, src: 172.16.0.10, dst: 172.16.0.1`, 'capture-snat-echo');
    expect(await lab.attempt()).toEqual({ ok: true, seen: `1 packet, 1 from/to as expected (first: ${snatEcho})` });
    expect(lab.ran).toEqual([
      expect.stringMatching(/^ext1: sh -c timeout .* capture 10 eth0 1 icmp\[icmptype\] == icmp-echo \/fake\/ext1\/capture-\d+-\d+$/s),
      expect.stringMatching(/^ext1: cat \/fake\/ext1\/capture-\d+-\d+\.err$/),
      'vm2: ping -n -c 2 -i 0.2 -W 1 172.16.0.1',
      expect.stringMatching(/^ext1: sh -c kill -0 .* running \/fake\/ext1\/capture-\d+-\d+$/),
      expect.stringMatching(/^ext1: sh -c kill "\$\(cat "\$1.pid"\)" 2>\/dev\/null; true stop \/fake\/ext1\/capture-\d+-\d+$/),
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

describe('capture with dscp', () => {
  const vm1Echo = "filter: 'icmp[icmptype] == icmp-echo', while: { from: vm1, ping: vm2 }";

  it('runs tcpdump -v and passes when every packet carries the DSCP value (EF: TOS 0xb8)', async () => {
    const lab = capture('qos', 'vm2', `${vm1Echo}, dscp: 46`, 'capture-dscp-ef');
    expect(await lab.attempt()).toEqual({
      ok: true,
      seen: '1 packet, 1 with DSCP 46 and from/to as expected (first: DSCP 46: 16:01:08.518139 IP (tos 0xb8) 10.80.0.11 > 10.80.0.12: ICMP echo request, id 1598, seq 1, length 64)',
    });
    expect(lab.ran[0]).toMatch(/^vm2: sh -c timeout "\$1" tcpdump .* capture 10 eth0 1 icmp\[icmptype\] == icmp-echo \/fake\/vm2\/capture-\d+-\d+ -v$/s);
  });

  it('fails on another DSCP value, saying which came', async () => {
    expect(await capture('qos', 'vm2', `${vm1Echo}, dscp: 10`, 'capture-dscp-ef').attempt()).toMatchObject({ ok: false, seen: expect.stringMatching(/^1 packet, 0 with DSCP 10 and from\/to as expected \(first: DSCP 46: /) });
    expect(await capture('qos', 'vm1', "filter: 'icmp[icmptype] == icmp-echo', while: { from: vm2, ping: vm1 }, dscp: 46", 'capture-dscp-unmarked').attempt()).toMatchObject({ ok: false, seen: expect.stringContaining('DSCP 0: ') });
    expect(await capture('qos', 'vm1', "filter: 'icmp[icmptype] == icmp-echo', while: { from: vm2, ping: vm1 }, dscp: 0", 'capture-dscp-unmarked').attempt()).toMatchObject({ ok: true });
  });

  it('reads ports off the address line (UDP, AF11: TOS 0x28)', async () => {
    const lab = capture('qos', 'vm2', 'filter: udp port 5202, while: { from: vm3, connect: { to: vm2, port: 5202, proto: udp } }, src: 10.80.0.13, dscp: 10', 'capture-dscp-udp-af11');
    expect(await lab.attempt()).toEqual({ ok: true, seen: '1 packet, 1 with DSCP 10 and from/to as expected (first: DSCP 10: 16:01:17.713950 IP (tos 0x28) 10.80.0.13.44113 > 10.80.0.12.5202: UDP, length 4)' });
  });

  it('IPv6: the traffic class, 0 when tcpdump prints none', async () => {
    const v6 = "filter: 'icmp6', while: { from: vm1, ping: 'fd00:80::12' }";
    expect(await capture('qos', 'vm2', `${v6}, src: 'fd00:80::11', dscp: 46`, 'capture-dscp-v6-ef').attempt()).toEqual({
      ok: true,
      seen: '1 packet, 1 with DSCP 46 and from/to as expected (first: DSCP 46: 16:02:03.344235 IP6 (class 0xb8) fd00:80::11 > fd00:80::12: [icmp6 sum ok] ICMP6, echo request, id 4081, seq 1)',
    });
    expect(await capture('qos', 'vm2', `${v6}, dscp: 0`, 'capture-dscp-v6-unmarked').attempt()).toMatchObject({ ok: true, seen: expect.stringContaining('DSCP 0: 16:02:08.718752 IP6 (class 0x0) fd00:80::12 > fd00:80::11:') });
  });
});
