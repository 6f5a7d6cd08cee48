import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../src/ovn/logical-network.js';
import { parseTopology } from '../../src/topology/load.js';
import { issues } from './issues.js';

const load = (lab: string) => parseTopology(readFileSync(`labs/${lab}.yaml`, 'utf8'), `labs/${lab}.yaml`);

describe('VLAN child ports', () => {
  it("a child port per tag, parent the VM's port", () => {
    const vm1 = load('vlan-trunk').vms.find((v) => v.name === 'vm1')!;
    expect(vm1.vlans.map((v) => [v.tag, v.iface, v.switch, v.port, v.ip, v.dhcp])).toEqual([
      [10, 'eth0.10', 'v10', 'v10-vm1-10', '10.30.10.10', true],
      [20, 'eth0.20', 'v20', 'v20-vm1-20', '10.30.20.10', true],
    ]);
    expect(logicalNetworkArgv(load('vlan-trunk')).join(' ')).toContain('-- lsp-add v10 v10-vm1-10 native-vm1 10');
  });

  it('errors', () => {
    const base = 'name: t\nchassis: { hv1: {} }\nswitches: { a: { subnet: 10.0.0.0/24 }, b: { subnet: 10.0.1.0/24 } }\nvms:\n  vm1:\n    chassis: hv1\n    switch: a\n    ip: 10.0.0.5\n    vlans:\n';
    expect(issues(`${base}      10: { switch: c, ip: 10.0.1.5 }\n`)).toEqual(["10:21 unknown switch 'c' (switches in this file: a, b)"]);
    expect(issues(`${base}      5000: { switch: b, ip: 10.0.1.5 }\n`)).toEqual(['10:7 VLAN tag 5000 is outside 1-4094']);
    expect(issues(`${base}      10: { switch: b, ip: 10.0.0.7 }\n`)).toEqual(["10:28 10.0.0.7 is not a host address of switch 'b' (10.0.1.0/24)"]);
  });
});

describe('provider networks, hosts, external ports', () => {
  it('bridge mappings, localnet ports, hosts and an external port with its HA chassis group', () => {
    const lab = load('external-dhcp');
    expect(lab.chassis.map((c) => c.bridgeMappings)).toEqual([[{ network: 'physnet1', bridge: 'br-ex', iface: 'ph-physnet1' }], [{ network: 'physnet1', bridge: 'br-ex', iface: 'ph-physnet1' }], []]);
    expect(lab.hosts).toEqual([
      {
        name: 'bm1',
        network: 'physnet1',
        ip: '172.16.50.30',
        prefix: 24,
        mac: '02:00:ac:10:32:1e',
        dhcp: true,
        servers: [],
        routes: [],
        forwarding: false,
        externalPort: { switch: 'provider', port: 'provider-bm1', haChassis: ['hv1', 'hv2'] },
      },
    ]);
    const argv = logicalNetworkArgv(lab).join(' ');
    expect(argv).toContain('-- lsp-add provider provider-localnet -- lsp-set-type provider-localnet localnet -- lsp-set-addresses provider-localnet unknown -- lsp-set-options provider-localnet network_name=physnet1');
    expect(argv).toContain('-- --id=@hcg0_0 create HA_Chassis chassis_name=hv1 priority=20 -- --id=@hcg0_1 create HA_Chassis chassis_name=hv2 priority=10 -- --id=@hcg0 create HA_Chassis_Group name=bm1 ha_chassis=[@hcg0_0,@hcg0_1]');
    expect(argv).toContain('-- lsp-set-type provider-bm1 external');
  });

  it('errors', () => {
    const base = 'name: t\nnetworks: { physnet1: {} }\nchassis:\n  hv1: { bridge_mappings: { physnet1: br-ex } }\n  hv2: {}\nswitches:\n  pub: { subnet: 172.16.0.0/24, provider: physnet1, dhcp: {} }\nhosts:\n';
    expect(issues(`${base}  h1: { network: physnet2, ip: 172.16.0.5 }\n`)).toEqual(["9:18 unknown provider network 'physnet2' (networks in this file: physnet1)"]);
    expect(issues(`${base}  h1: { network: physnet1, ip: 172.16.1.5 }\n`)).toEqual(["9:32 172.16.1.5 is in no subnet of a switch on network 'physnet1'; add a switch with provider: physnet1 whose subnet holds it"]);
    expect(issues(`${base}  h1: { network: physnet1, ip: 172.16.0.5, dhcp: true }\n`)).toEqual(['9:50 a host gets DHCP from OVN through an external_port; add one (switch and ha_chassis)']);
    expect(issues(`${base}  h1: { network: physnet1, ip: 172.16.0.5, dhcp: true, external_port: { switch: pub, ha_chassis: [hv1, hv2] } }\n`)).toEqual([
      "9:104 chassis hv2 has no bridge mapping for network 'physnet1', so it cannot answer this host",
    ]);
    expect(issues(`${base}  h1: { network: physnet1, ip: 172.16.0.5 }\n`.replace('physnet1: br-ex', 'physnet1: br-int'))).toEqual(['4:39 br-int is a bridge lab makes for OVN itself; map the network to another one, like br-ex']);
  });
});

describe('setup commands', () => {
  it('run in nodes that exist', () => {
    expect(load('vlan-trunk').setup[0]!.node).toBe('hv1');
    expect(issues('name: t\nchassis: { hv1: {} }\nsetup:\n  - { node: hv9, command: "true" }\n')).toEqual(["4:13 unknown node 'hv9' (nodes in this lab: central, hv1)"]);
  });
});
