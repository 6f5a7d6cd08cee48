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

describe('setup commands', () => {
  it('run in nodes that exist', () => {
    expect(load('vlan-trunk').setup[0]!.node).toBe('hv1');
    expect(issues('name: t\nchassis: { hv1: {} }\nsetup:\n  - { node: hv9, command: "true" }\n')).toEqual(["4:13 unknown node 'hv9' (nodes in this lab: central, hv1)"]);
  });
});
