import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeE2E, lab, labFile, usesLabs } from './helpers.js';

const FORWARDING = 'e2e-fwd';
const V6 = 'e2e-v6';
const TUTORIAL = 'e2e-tutorial';
const NORTH = 'e2e-v6north';

/** IPv6 north-south: a host with an IPv6 address on a provider network, a gateway port, an IPv6 SNAT. */
const V6_NORTH = `name: ${NORTH}
networks: { physnet1: {} }
chassis:
  hv1: { bridge_mappings: { physnet1: br-ex } }
  hv2: { bridge_mappings: { physnet1: br-ex } }
switches:
  inside: { subnet: 10.0.1.0/24, subnet6: "fd00:1::/64" }
  ext: { subnet: 172.16.0.0/24, subnet6: "fd00:ff::/64", provider: physnet1 }
routers:
  r1:
    ports:
      - { switch: inside, ip: 10.0.1.1, ip6: "fd00:1::1" }
      - { switch: ext, ip: 172.16.0.1, ip6: "fd00:ff::1", gateway_chassis: [hv1] }
    nat:
      - { type: snat, external_ip: "fd00:ff::50", logical_ip: "fd00:1::/64" }
vms:
  vm1: { chassis: hv2, switch: inside, ip: 10.0.1.10, ip6: "fd00:1::10" }
hosts:
  h1: { network: physnet1, ip: 172.16.0.100, ip6: "fd00:ff::100", gateway: 172.16.0.1, gateway6: "fd00:ff::1" }
checks:
  - { name: v6 north, kind: ping, from: vm1, to: h1, family: 6 }
  - { name: v4 north, kind: ping, from: vm1, to: h1 }
  - { name: h1 sees the SNAT address, kind: capture, on: h1, filter: icmp6, while: { from: vm1, ping: h1, family: 6 }, src: "fd00:ff::50", dst: "fd00:ff::100" }
  - { name: h1 does not see vm1's own, kind: capture, on: h1, filter: icmp6, while: { from: vm1, ping: h1, family: 6 }, src: "fd00:1::10", timeout: 1 }
`;

type Report = { labs: { checks: { name: string; passed: boolean; seen: string }[] }[] };

async function testLab(file: string): Promise<{ code: number; report: Report }> {
  const out = join(mkdtempSync(join(tmpdir(), 'lab-routing-')), 'r.json');
  const r = await lab(['test', file, '--json', out]);
  return { code: r.code, report: JSON.parse(readFileSync(out, 'utf8')) };
}

describeE2E('routing outside OVN, IPv6, and trace --minimal against real labs', () => {
  usesLabs(FORWARDING, V6, TUTORIAL, NORTH);

  it('forwarding is what the file says: without it rtr drops what r1 routes to it, whatever the host has', async () => {
    const file = labFile('router-vm', FORWARDING, (t) =>
      t.replace('forwarding: true', 'forwarding: false').replace(
        /\nchecks:[\s\S]*$/,
        `
checks:
  - { name: trace, kind: trace, from: vm1, to: 10.99.0.2, port: sw1-rtr }
  - { name: rtr itself, kind: ping, from: vm1, to: rtr, count: 1 }
  - { name: behind rtr, kind: ping, from: vm1, to: ext, count: 2, timeout: 2 }
`,
      ),
    );
    const { code, report } = await testLab(file);
    expect(code).toBe(1);
    const check = (n: string) => report.labs[0]!.checks.find((c) => c.name === n)!;
    // OVN's part is right (ovn-trace delivers to rtr's port, rtr answers); the packet dies inside rtr.
    expect(check('trace').passed).toBe(true);
    expect(check('rtr itself').passed).toBe(true);
    expect(check('behind rtr')).toMatchObject({ passed: false, seen: 'ping 10.99.0.2: 0/2 replies' });
  });

  it('a DHCPv6 check fails for the right reason: the address leased is not the one asked for', async () => {
    const file = labFile('dhcpv6', V6, (t) =>
      t.replace(
        /\nchecks:[\s\S]*$/,
        `
checks:
  - { name: wrong lease, kind: dhcp, family: 6, vm: vm1, address: "fd00:61::99", timeout: 1 }
  - { name: wrong server, kind: dhcp, family: 6, vm: vm1, server_mac: "02:00:00:00:00:99", timeout: 1 }
  - { name: slaac address reached, kind: ping, from: vm1, to: vm2, family: 6, count: 1 }
  - { name: unknown v6 address, kind: ping, from: vm1, to: "fd00:62::99", count: 1, timeout: 1 }
`,
      ),
    );
    const { report } = await testLab(file);
    const check = (n: string) => report.labs[0]!.checks.find((c) => c.name === n)!;
    expect(check('wrong lease')).toMatchObject({ passed: false, seen: expect.stringMatching(/^lease fd00:61::11, server DUID MAC 02:00:00:61:00:01, dns fd00:61::53, eth0 fd00:61::11/) });
    expect(check('wrong server').passed).toBe(false);
    expect(check('slaac address reached')).toMatchObject({ passed: true, seen: 'ping fd00:62::ff:fe62:12: 1/1 replies' });
    expect(check('unknown v6 address')).toMatchObject({ passed: false, seen: 'ping fd00:62::99: 0/1 replies' });
  });

  it('trace minimal: one action out of order fails, and says what ovn-trace printed', async () => {
    const file = labFile('ovn-trace', TUTORIAL, (t) =>
      t.replace(
        /\nchecks:[\s\S]*$/,
        `
checks:
  - name: swapped
    kind: trace
    from: vm1
    to: vm2
    minimal: ['eth.src = 00:00:00:00:ff:02;', 'ip.ttl--;', 'eth.dst = 50:54:00:00:00:03;', 'output("sw1-port1");']
    timeout: 1
`,
      ),
    );
    const { report } = await testLab(file);
    expect(report.labs[0]!.checks[0]).toMatchObject({
      passed: false,
      seen: 'output to sw1-port1; --minimal: ip.ttl--; eth.src = 00:00:00:00:ff:02; eth.dst = 50:54:00:00:00:03; output("sw1-port1");',
    });
  });

  it("IPv6 to a host outside OVN through a gateway port, SNATed to the router's IPv6 address", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lab-v6north-')), `${NORTH}.yaml`);
    writeFileSync(file, V6_NORTH);
    const { report } = await testLab(file);
    const check = (n: string) => report.labs[0]!.checks.find((c) => c.name === n)!;
    expect(check('v6 north')).toMatchObject({ passed: true, seen: 'ping fd00:ff::100: 3/3 replies' });
    expect(check('v4 north').passed).toBe(true);
    expect(check('h1 sees the SNAT address')).toMatchObject({ passed: true, seen: expect.stringContaining('IP6 fd00:ff::50 > fd00:ff::100: ICMP6, echo request') });
    expect(check("h1 does not see vm1's own").passed).toBe(false);
  });
});
