import { describe, expect, it } from 'vitest';
import { fakeLab } from '../../../test/unit/probes/fake-lab.js';

/**
 * A dns check of labs/dns.yaml whose VM prints `out`: the probe program's lines, captured from
 * that lab's VMs (netns runtime, OVN 23.03.1; REFUSED on docker trixie, OVN 25.03, with the DNS
 * row's options:ovn-owned=true).
 */
function dns(check: string, out: string) {
  return fakeLab('dns', `kind: dns, ${check}`).on('vm1', '/usr/bin/python3 -c', out);
}

describe('dns', () => {
  it("an answer with the expected addresses, asked of the DHCP's DNS server", async () => {
    const lab = dns('from: vm1, query: www.lab.example, answer: [10.70.0.12, 10.70.0.11]', 'answer NOERROR 10.70.0.11 10.70.0.12\n');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'A www.lab.example from vm1 to 10.70.0.1: answer NOERROR 10.70.0.11 10.70.0.12' });
    expect(lab.ran).toEqual([expect.stringMatching(/^vm1: \/usr\/bin\/python3 -c [\s\S]* 10\.70\.0\.1 www\.lab\.example A 0 2$/)]);
  });

  it('an answer missing an address fails, saying what came', async () => {
    expect(await dns('from: vm1, query: www.lab.example, answer: [10.70.0.11, 10.70.0.12]', 'answer NOERROR 10.70.0.11\n').attempt()).toEqual({ ok: false, seen: 'A www.lab.example from vm1 to 10.70.0.1: answer NOERROR 10.70.0.11' });
  });

  it('compares IPv6 addresses in their shortest form and names without case', async () => {
    expect(await dns('from: vm1, query: vm2.lab.example, type: AAAA, answer: ["fd00:70:0:0:0:aff:fe46:c"]', 'answer NOERROR fd00:70::aff:fe46:c\n').attempt()).toMatchObject({ ok: true });
    const ptr = dns('from: vm1, query: 10.70.0.12, type: PTR, answer: [VM2.lab.example]', 'answer NOERROR vm2.lab.example\n');
    expect(await ptr.attempt()).toEqual({ ok: true, seen: 'PTR 12.0.70.10.in-addr.arpa from vm1 to 10.70.0.1: answer NOERROR vm2.lab.example' });
    expect(ptr.ran[0]).toMatch(/ 10\.70\.0\.1 12\.0\.70\.10\.in-addr\.arpa PTR 0 2$/);
  });

  it('expect none: passes on no answer (an ICMP port unreachable, or nothing), fails on an answer', async () => {
    expect(await dns('from: vm1, query: nowhere.lab.example, expect: none, edns: true', 'unreachable\n').attempt()).toEqual({ ok: true, seen: 'A nowhere.lab.example (EDNS) from vm1 to 10.70.0.1: unreachable' });
    expect(await dns('from: vm1, query: nowhere.lab.example, expect: none', 'timeout\n').attempt()).toMatchObject({ ok: true });
    expect(await dns('from: vm1, query: vm2.lab.example, expect: none', 'answer NOERROR 10.70.0.12\n').attempt()).toMatchObject({ ok: false });
  });

  it('expect refused: REFUSED passes; an answer without records under another code fails', async () => {
    expect(await dns('from: vm1, query: gw.lab.example, type: AAAA, expect: refused', 'answer REFUSED\n').attempt()).toEqual({ ok: true, seen: 'AAAA gw.lab.example from vm1 to 10.70.0.1: answer REFUSED' });
    expect(await dns('from: vm1, query: gw.lab.example, type: AAAA', 'answer REFUSED\n').attempt()).toMatchObject({ ok: false });
  });

  it('a program that fails says how', async () => {
    const lab = fakeLab('dns', 'kind: dns, from: vm1, query: vm2.lab.example').on('vm1', '/usr/bin/python3', { exit: 1, stderr: 'Traceback …\nOSError: [Errno 101] Network is unreachable\n' });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'A vm2.lab.example from vm1 to 10.70.0.1: error OSError: [Errno 101] Network is unreachable' });
  });
});
