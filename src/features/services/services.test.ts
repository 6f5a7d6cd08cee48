import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { issues } from '../../../test/unit/issues.js';

const load = (lab: string) => parseTopology(readFileSync(`labs/${lab}.yaml`, 'utf8'), `labs/${lab}.yaml`);

describe('dnsmasq services', () => {
  it('fixed addresses for the VMs of their switch, no DHCP_Options', () => {
    const lab = load('dnsmasq-ha');
    expect(lab.services.map((s) => [s.name, s.node, s.ranges.map((r) => [r.iface, r.switch, r.hosts])])).toEqual([
      [
        'dhcp1',
        'dhcp1',
        [
          [
            'eth0',
            'net',
            [
              { mac: '02:00:0a:28:00:0b', ip: '10.40.0.11' },
              { mac: '02:00:0a:28:00:0c', ip: '10.40.0.12' },
            ],
          ],
        ],
      ],
      [
        'dhcp2',
        'dhcp2',
        [
          [
            'eth0',
            'net',
            [
              { mac: '02:00:0a:28:00:0b', ip: '10.40.0.11' },
              { mac: '02:00:0a:28:00:0c', ip: '10.40.0.12' },
            ],
          ],
        ],
      ],
    ]);
    expect(lab.vms.find((v) => v.name === 'vm1')!.dhcp).toBe(true);
    expect(logicalNetworkArgv(lab).join(' ')).not.toContain('DHCP_Options');
  });

  it('errors', () => {
    const base = 'name: t\nchassis: { hv1: {} }\nswitches: { net: { subnet: 10.0.0.0/24 } }\nservices:\n';
    expect(issues(`${base}  d1: { kind: dnsmasq, chassis: hv2, switch: net, ip: 10.0.0.2 }\n`)).toEqual(["5:33 unknown chassis 'hv2' (chassis in this file: hv1)"]);
    expect(issues(`${base}  d1: { kind: bind9, chassis: hv1, switch: net, ip: 10.0.0.2 }\n`)).toEqual(["5:15 services.d1.kind: expected dnsmasq, not the text 'bind9'"]);
    expect(issues(`name: t\nchassis: { hv1: {} }\nswitches: { net: { subnet: 10.0.0.0/24, dhcp: {} } }\nservices:\n  d1: { kind: dnsmasq, chassis: hv1, switch: net, ip: 10.0.0.2 }\n`)).toEqual([
      "5:46 switch 'net' already has OVN DHCP (a dhcp section); a dnsmasq service serves a switch without one",
    ]);
  });
});

describe('dnsmasq services among the core', () => {
  const base = `name: t
networks: { physnet: {} }
chassis:
  hv1: { bridge_mappings: { physnet: br-ex } }
switches:
  lan: { subnet: 10.50.0.0/24 }
  public: { subnet: 172.16.0.0/24, provider: physnet }
  v6: { subnet6: fd00:1::/64 }
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.50.0.11 }
hosts:
  ext1: { network: physnet, ip: 172.16.0.1, mac: "02:aa:00:00:00:01" }
localports:
  meta: { switch: lan, ip: 10.50.0.2 }
services:
`;

  it('puts its namespaces after the VMs, before the localport instances, and its services after the VMs in the lab', () => {
    const lab = parseTopology(`${base}  d1: { kind: dnsmasq, chassis: hv1, switch: lan, ip: 10.50.0.3 }\n`, 'f.yaml');
    expect(lab.vms.map((v) => v.name)).toEqual(['vm1', 'd1', 'meta-hv1']);
    expect(Object.keys(lab).slice(Object.keys(lab).indexOf('vms'), Object.keys(lab).indexOf('vms') + 3)).toEqual(['vms', 'services', 'localports']);
  });

  it("claims its address and MAC before the hosts do: a duplicate is the host's", () => {
    expect(issues(`${base}  d1: { kind: dnsmasq, chassis: hv1, switch: public, ip: 172.16.0.1 }\n`)).toEqual(['12:33 172.16.0.1 is already used by services.d1']);
    expect(issues(`${base}  d1: { kind: dnsmasq, chassis: hv1, switch: lan, ip: 10.50.0.3, mac: "02:aa:00:00:00:01" }\n`)).toEqual(['12:50 MAC 02:aa:00:00:00:01 is already used by services.d1']);
  });

  it('refuses an IPv6-only switch', () => {
    expect(issues(`${base}  d1: { kind: dnsmasq, chassis: hv1, switch: v6, ip: 10.50.0.3 }\n`)).toEqual(["16:46 switch 'v6' is IPv6 only; a dnsmasq service takes an IPv4 address, so its switch needs a subnet"]);
  });
});
