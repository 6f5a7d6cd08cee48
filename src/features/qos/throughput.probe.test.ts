import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from '../../../test/unit/probes/fake-lab.js';

/**
 * A throughput check of labs/qos.yaml: the receiver on `to` says it listens, then prints `received`
 * (captured from that lab, netns runtime, OVN 23.03.1); the sender on `from` prints `sent`.
 */
function throughput(check: string, received: string, sent: string | { exit: number; stderr: string }, from = 'vm1') {
  return fakeLab('qos', `kind: throughput, ${check}`)
    .on('vm2', /^cat \S+\.out$/, 'listening\n', fixture(received))
    .on('vm2', /^sh -c kill -0/, { exit: 1 })
    .on(from, '/usr/bin/python3 -c', typeof sent === 'string' ? fixture(sent) : sent);
}

describe('throughput', () => {
  it('starts the receiver, sends once it listens, and passes with the rate under max, printing it', async () => {
    const lab = throughput('from: vm1, to: vm2, min: 1 Mbit/s, max: 2.5 Mbit/s', 'throughput-vm2-udp-limited', 'throughput-vm1-sent');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'udp vm1 → 10.80.0.12:5201 for 3 s: received 1.99 Mbit/s (726 kB in 2.92 s), sent 239.78 Mbit/s' });
    expect(lab.ran).toEqual([
      expect.stringMatching(/^vm2: sh -c timeout .* receiver 9 \/usr\/bin\/python3 .* udp 5201 8 \/fake\/vm2\/throughput-\d+-\d+$/s),
      expect.stringMatching(/^vm2: cat \/fake\/vm2\/throughput-\d+-\d+\.out$/),
      expect.stringMatching(/^vm1: \/usr\/bin\/python3 -c .* udp 10\.80\.0\.12 5201 3 1200$/s),
      expect.stringMatching(/^vm2: sh -c kill -0 .* running \/fake\/vm2\/throughput-\d+-\d+$/),
      expect.stringMatching(/^vm2: cat \/fake\/vm2\/throughput-\d+-\d+\.out$/),
      expect.stringMatching(/^vm2: sh -c kill .*rm -f .* cleanup \/fake\/vm2\/throughput-\d+-\d+$/),
    ]);
  });

  it('an unlimited sender fails a max, saying the rate it got', async () => {
    const lab = throughput('from: vm3, to: vm2, max: 2.5 Mbit/s', 'throughput-vm2-udp-unlimited', 'throughput-vm3-sent', 'vm3');
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'udp vm3 → 10.80.0.12:5201 for 3 s: received 43.86 Mbit/s (16552 kB in 3.02 s), sent 168.06 Mbit/s' });
    expect(await throughput('from: vm3, to: vm2, min: 10 Mbit/s', 'throughput-vm2-udp-unlimited', 'throughput-vm3-sent', 'vm3').attempt()).toMatchObject({ ok: true });
  });

  it('a limited sender fails a min', async () => {
    expect(await throughput('from: vm1, to: vm2, min: 10 Mbit/s', 'throughput-vm2-udp-limited', 'throughput-vm1-sent').attempt()).toMatchObject({ ok: false });
  });

  it('TCP: the connection the receiver accepts, its bytes over its time', async () => {
    const lab = throughput('from: vm1, to: vm2, proto: tcp, max: 2.5 Mbit/s', 'throughput-vm2-tcp-limited', 'throughput-vm1-tcp-sent');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'tcp vm1 → 10.80.0.12:5201 for 3 s: received 934 kbit/s (450 kB in 3.86 s), sent 1.20 Mbit/s' });
  });

  it('nothing received fails, with why the sender stopped', async () => {
    const refused = { exit: 1, stderr: fixture('throughput-vm1-refused.stderr') };
    expect(await throughput('from: vm1, to: vm2, proto: tcp, max: 2.5 Mbit/s', 'throughput-vm2-nothing', refused).attempt()).toEqual({
      ok: false,
      seen: 'tcp vm1 → 10.80.0.12:5201 for 3 s: received 0 packets, the sender failed: ConnectionRefusedError: [Errno 111] Connection refused',
    });
  });
});
