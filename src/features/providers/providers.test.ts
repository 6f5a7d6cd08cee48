import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labGraph } from '../../graph/model.js';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { topologySchema } from '../../topology/schema.js';
import { editorOf, issues } from '../../../test/unit/issues.js';
import { DUAL_STACK_LAB, nbLine } from '../../../test/unit/dual-stack-lab.js';

const load = (lab: string) => parseTopology(readFileSync(`labs/${lab}.yaml`, 'utf8'), `labs/${lab}.yaml`);

const BASE = DUAL_STACK_LAB;
const edit = editorOf(BASE);
const argv = nbLine;

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

  it("a VM's second interface on a provider switch its chassis does not map", () => {
    const vms = 'switches:\n  lan: { subnet: 10.0.0.0/24 }\n  pub: { subnet: 172.16.0.0/24, provider: physnet1 }\nvms:\n  vm1: { chassis: hv2, switch: lan, ip: 10.0.0.5, nics: { eth1: { switch: pub, ip: 172.16.0.5 } } }\n';
    const text = `name: t\nnetworks: { physnet1: {} }\nchassis:\n  hv1: { bridge_mappings: { physnet1: br-ex } }\n  hv2: {}\n${vms}`;
    expect(issues(text)).toEqual(["10:75 switch 'pub' is on provider network 'physnet1', which chassis hv2 does not map; add bridge_mappings: { physnet1: br-ex } to chassis hv2"]);
    expect(issues(text.replace('chassis: hv2', 'chassis: hv1'))).toEqual([]);
  });
});

describe("a provider switch's localnet port and its bridge", () => {
  it('a localnet port named in the file', () => {
    const text = edit('provider: physnet }', 'provider: physnet, localnet_port: ln-public }');
    expect(argv(text)).toContain('-- lsp-add public ln-public -- lsp-set-type ln-public localnet -- lsp-set-addresses ln-public unknown -- lsp-set-options ln-public network_name=physnet');
    expect(argv(BASE)).toContain('-- lsp-add public public-localnet -- lsp-set-type public-localnet localnet');
  });

  it('refuse a localnet port without provider, or with a name a VM has', () => {
    expect(issues(edit('subnet6: fd00:50::/64 }', 'subnet6: fd00:50::/64, localnet_port: ln-lan }'))).toEqual(["6:70 a localnet port is a provider switch's: give switch 'lan' a provider, or drop localnet_port"]);
    expect(issues(edit('provider: physnet }', 'provider: physnet, localnet_port: lan-vm1 }'))).toEqual(["7:93 port name 'lan-vm1' is already VM vm1's; name the localnet port another way"]);
  });

  it('a bridge named br0', () => {
    const lab = parseTopology(edit('physnet: br-ex', 'physnet: br0'), 'f.yaml');
    expect(lab.chassis[0]?.bridgeMappings).toEqual([{ network: 'physnet', bridge: 'br0', iface: 'ph-physnet' }]);
  });

  it.each([
    ['br-int', '4:38 br-int is a bridge lab makes for OVN itself; map the network to another one, like br-ex'],
    ['br-phy', '4:38 br-phy is a bridge lab makes for OVN itself; map the network to another one, like br-ex'],
    ['ovs-system', '4:38 ovs-system is an interface OVS or lab has in every chassis; name the bridge like br-ex or br0'],
    ['genev_sys_6081', '4:38 genev_sys_6081 is an interface OVS or lab has in every chassis; name the bridge like br-ex or br0'],
    ['eth0', '4:38 eth0 is an interface OVS or lab has in every chassis; name the bridge like br-ex or br0'],
    ['ph-physnet', "4:38 names starting ph- are lab's and OVN's ports on bridges (ph-<network>, patch-…); name the bridge like br-ex or br0"],
    ['vm1', '4:38 vm1 is a VM of this file, whose interface is on the chassis; name the bridge like br-ex or br0'],
  ])('refuse a bridge named %s', (bridge, expected) => {
    expect(issues(edit('physnet: br-ex', `physnet: ${bridge}`))).toEqual([expected]);
  });

  it('refuse a bridge name OVS would not take, saying what one looks like', () => {
    expect(issues(edit('physnet: br-ex', 'physnet: Br0'))).toContain('4:38 chassis.hv1.bridge_mappings.physnet: an OVS bridge name like br-ex or br0 (lower-case letters, digits, "-" and "_", at most 15)');
  });
});

describe('provider networks keep their place', () => {
  it('networks: in the file after the VMs, in the lab after the localports, before the hosts', () => {
    const keys = Object.keys(topologySchema.shape);
    expect(keys.slice(keys.indexOf('vms'), keys.indexOf('vms') + 3)).toEqual(['vms', 'networks', 'hosts']);
    const fields = Object.keys(load('vpc'));
    expect(fields.slice(fields.indexOf('localports'), fields.indexOf('localports') + 3)).toEqual(['localports', 'networks', 'hosts']);
  });

  it("a switch's provider and localnet port after its DHCP, before its IPv6 side; a chassis' bridge mappings after its release, before its engine", () => {
    const text = edit('hv1: { bridge_mappings', 'hv1: { release: trixie, engine: e1, bridge_mappings')
      .replace('name: t\n', 'name: t\nruntime: docker\nengines: { e1: "unix:///var/run/docker.sock" }\n')
      .replace('provider: physnet }', 'provider: physnet, localnet_port: ln-public, dhcp: {}, dhcp6: {} }')
      .replace('gateway_chassis: [hv1] }', 'gateway_chassis: [hv1], ra: dhcpv6_stateless }');
    const lab = parseTopology(text, 'f.yaml');
    expect(Object.keys(lab.switches[1] ?? {})).toEqual(['name', 'subnet', 'dhcp', 'provider', 'localnetPort', 'subnet6', 'dhcp6']);
    expect(Object.keys(lab.chassis[0] ?? {})).toEqual(['name', 'ip', 'mac', 'encap', 'transportZones', 'release', 'bridgeMappings', 'engine']);
  });

  it("a localnet port in its switch's unit, before the next switch", () => {
    const text = edit(
      '  lan: { subnet: 10.50.0.0/24, subnet6: fd00:50::/64 }\n  public: { subnet: 172.16.0.0/24, subnet6: fd00:16::/64, provider: physnet }\n',
      '  public: { subnet: 172.16.0.0/24, subnet6: fd00:16::/64, provider: physnet }\n  lan: { subnet: 10.50.0.0/24, subnet6: fd00:50::/64 }\n',
    );
    expect(argv(text)).toContain('ls-add public -- lsp-add public public-localnet -- lsp-set-type public-localnet localnet -- lsp-set-addresses public-localnet unknown -- lsp-set-options public-localnet network_name=physnet -- ls-add lan');
  });

  it('lab graph draws each network, the localnet ports and bridges to it', () => {
    const graph = labGraph(load('vpc'));
    expect(graph.nodes.filter((n) => n.kind === 'network').map((n) => n.label)).toEqual([['provider network physnet1']]);
    expect(graph.edges.filter((e) => e.to === 'network_physnet1').map((e) => `${e.from} ${e.label ?? ''}`)).toEqual(['switch_public localnet', 'chassis_hv1 br-ex', 'host_ext1 eth0']);
  });
});
