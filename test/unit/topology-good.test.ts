import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTopology } from '../../src/topology/load.js';

describe("labs/dmz.yaml resolves to the notes' DHCP experiment", () => {
  const lab = parseTopology(readFileSync('labs/dmz.yaml', 'utf8'), 'labs/dmz.yaml');

  it('has central and two chassis with distinct underlay addresses and pinned br-phy MACs', () => {
    expect(lab.central).toEqual({ name: 'central', ip: '192.168.100.1', ssl: false });
    expect(lab.chassis).toEqual([
      { name: 'hv1', ip: '192.168.100.2', mac: '0a:00:c0:a8:64:02', encap: 'geneve', transportZones: [], bridgeMappings: [] },
      { name: 'hv2', ip: '192.168.100.3', mac: '0a:00:c0:a8:64:03', encap: 'geneve', transportZones: [], bridgeMappings: [] },
    ]);
  });

  it("carries the notes' DHCP_Options", () => {
    expect(lab.switches[0]!.dhcp!.options).toEqual({
      server_id: '172.16.255.129',
      server_mac: '02:ac:10:ff:01:29',
      lease_time: '3600',
      router: '172.16.255.129',
    });
    expect(lab.switches[0]!.subnet.text).toBe('172.16.255.128/26');
  });

  it("puts vm1 on hv1 and vm2 on hv2 with DHCP, notes' MACs and port names", () => {
    expect(lab.vms.map((v) => [v.name, v.chassis, v.port, v.mac, v.ip, v.prefix, v.dhcp, v.mtu])).toEqual([
      ['vm1', 'hv1', 'dmz-vm1', '02:ac:10:ff:01:30', '172.16.255.130', 26, true, 1400],
      ['vm2', 'hv2', 'dmz-vm2', '02:ac:10:ff:01:31', '172.16.255.131', 26, true, 1400],
    ]);
  });
});

describe('defaults', () => {
  it('derives MACs, DHCP server and underlay addresses when the file gives none', () => {
    const lab = parseTopology(
      `name: small
chassis:
  hv1:
  hv2: { ip: 192.168.100.1 }
switches:
  net: { subnet: 10.0.0.0/24, dhcp: {} }
vms:
  vma: { chassis: hv1, switch: net, ip: 10.0.0.10 }
  vmb: { chassis: hv2, switch: net, ip: 10.0.0.11, dhcp: false }
`,
      'small.yaml',
    );
    expect(lab.runtime).toBe('netns');
    expect(lab.central.ip).toBe('192.168.100.2');
    expect(lab.chassis.map((c) => c.ip)).toEqual(['192.168.100.3', '192.168.100.1']);
    expect(lab.switches[0]!.dhcp!.options).toMatchObject({ server_id: '10.0.0.1', server_mac: '02:00:0a:00:00:01', lease_time: '3600' });
    expect(lab.vms[0]).toMatchObject({ mac: '02:00:0a:00:00:0a', port: 'net-vma', dhcp: true });
    expect(lab.vms[1]).toMatchObject({ dhcp: false });
  });
});
