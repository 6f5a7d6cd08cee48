import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from '../../../test/unit/probes/fake-lab.js';
import { decode, describe as describePacket, parseMirrored } from './packets.js';

/**
 * A mirror check of labs/mirror.yaml whose collector, hv3, caught `out`: tcpdump -n -x on its
 * eth0, captured from that lab (netns runtime, OVS 3.1.0, OVN 23.03.1) while a VM pinged.
 */
function mirror(check: string, out: string) {
  return fakeLab('mirror', `kind: mirror, ${check}`)
    .on('hv3', /^cat \S+\.err$/, fixture('capture-tcpdump-listening'))
    .on('hv3', /^sh -c kill -0/, { exit: 1 })
    .on('hv3', /^cat \S+\.out$/, fixture(out));
}

const VM1_PINGS =
  'hv3:eth0 received 1× GRE key 7: ARP from 192.168.81.2, 1× ERSPAN session 8: ARP from 192.168.81.2, 2× GRE key 7: ICMP echo request 10.81.0.11 > 10.81.0.12 from 192.168.81.2, 2× ERSPAN session 8: ICMP echo reply 10.81.0.12 > 10.81.0.11 from 192.168.81.2';

describe('the copies a collector receives', () => {
  it('decodes GRE (key, bridged Ethernet) and ERSPAN type II (session ID) down to the inner ICMP echo or ARP', () => {
    const packets = parseMirrored(fixture('mirror-hv3-vm1-pings'));
    expect(packets.map(describePacket)).toEqual([
      'GRE key 7: ARP',
      'ERSPAN session 8: ARP',
      'GRE key 7: ICMP echo request 10.81.0.11 > 10.81.0.12',
      'ERSPAN session 8: ICMP echo reply 10.81.0.12 > 10.81.0.11',
      'GRE key 7: ICMP echo request 10.81.0.11 > 10.81.0.12',
      'ERSPAN session 8: ICMP echo reply 10.81.0.12 > 10.81.0.11',
    ]);
    expect(packets[2]).toMatchObject({ src: '192.168.81.2', dst: '192.168.81.4', encap: 'gre', key: 7 });
  });

  it('leaves out what is not GRE', () => {
    expect(decode(Uint8Array.from([0x45, 0, 0, 28, 0, 0, 0x40, 0, 0x40, 1, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, 8, 0, 0, 0, 0, 0, 0, 0]))).toBeUndefined();
    expect(parseMirrored('')).toEqual([]);
  });
});

describe('mirror', () => {
  it("listens on the sink's eth0 for GRE to its address, then the VM pings; the echo requests in the mirror's GRE key pass", async () => {
    const lab = mirror('mirror: tap-out, while: { from: vm1, ping: vm2 }', 'mirror-hv3-vm1-pings');
    expect(await lab.attempt()).toEqual({ ok: true, seen: VM1_PINGS });
    expect(lab.ran).toEqual([
      expect.stringMatching(/^hv3: sh -c timeout .* capture 10 eth0 50 ip proto 47 and dst host 192\.168\.81\.4 \/fake\/hv3\/capture-\d+-\d+ -x$/s),
      expect.stringMatching(/^hv3: cat \/fake\/hv3\/capture-\d+-\d+\.err$/),
      'vm1: ping -n -c 2 -i 0.2 -W 1 10.81.0.12',
      expect.stringMatching(/^hv3: sh -c kill -0 .* running \/fake\/hv3\/capture-\d+-\d+$/),
      expect.stringMatching(/^hv3: sh -c kill "\$\(cat "\$1.pid"\)" 2>\/dev\/null; true stop /),
      expect.stringMatching(/^hv3: cat \/fake\/hv3\/capture-\d+-\d+\.out$/),
      expect.stringMatching(/^hv3: rm -f /),
    ]);
  });

  it("counts only the mirror's own tunnel: the replies are in tap-in's ERSPAN session, not in tap-out's GRE", async () => {
    expect(await mirror('mirror: tap-in, while: { from: vm1, ping: vm2 }, packets: reply', 'mirror-hv3-vm1-pings').attempt()).toMatchObject({ ok: true });
    expect(await mirror('mirror: tap-out, while: { from: vm1, ping: vm2 }, packets: reply', 'mirror-hv3-vm1-pings').attempt()).toEqual({ ok: false, seen: VM1_PINGS });
    expect(await mirror('mirror: tap-out, while: { from: vm1, ping: vm2 }, packets: reply, expect: absent', 'mirror-hv3-vm1-pings').attempt()).toMatchObject({ ok: true });
    expect(await mirror('mirror: tap-in, while: { from: vm1, ping: vm2 }, expect: absent', 'mirror-hv3-vm1-pings').attempt()).toMatchObject({ ok: true });
  });

  it('matches the inner addresses: when vm2 pings, the requests are vm2 → vm1', async () => {
    const lab = mirror('mirror: tap-in, while: { from: vm2, ping: vm1 }', 'mirror-hv3-vm2-pings');
    expect(await lab.attempt()).toMatchObject({ ok: true });
    expect(lab.ran).toContain('vm2: ping -n -c 2 -i 0.2 -W 1 10.81.0.11');
    expect(await mirror('mirror: tap-in, while: { from: vm1, ping: vm2 }', 'mirror-hv3-vm2-pings').attempt()).toMatchObject({ ok: false });
  });

  it('nothing caught: present fails saying so, absent passes', async () => {
    const seen = 'no GRE packet reached hv3:eth0 (192.168.81.4)';
    expect(await mirror('mirror: tap-out, while: { from: vm1, ping: vm2 }', 'capture-nothing').attempt()).toEqual({ ok: false, seen });
    expect(await mirror('mirror: tap-out, while: { from: vm1, ping: vm2 }, expect: absent', 'capture-nothing').attempt()).toEqual({ ok: true, seen });
  });
});
