import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../src/ovn/logical-network.js';
import { dnsmasqArgv } from '../../src/services/dnsmasq.js';
import { parseTopology } from '../../src/topology/load.js';
import { editorOf, issues } from './issues.js';

const BASE = readFileSync('labs/router-dnsmasq.yaml', 'utf8');
const edit = editorOf(BASE);

describe('a router VM: more OVN ports (nics) and dnsmasq inside it', () => {
  it('gives the VM a port per switch and dnsmasq a range and router per interface', () => {
    expect(issues(BASE)).toEqual([]);
    const lab = parseTopology(BASE, 'router-dnsmasq.yaml');
    const rtr = lab.vms.find((v) => v.name === 'rtr')!;
    expect(rtr.nics).toEqual([{ iface: 'eth1', switch: 'lan2', port: 'lan2-rtr', ip: '10.91.2.1', prefix: 24, mac: '02:00:0a:5b:02:01' }]);
    expect(rtr.dhcp).toBe(false);
    expect(lab.vms.find((v) => v.name === 'vm2')!.dhcp).toBe(true);
    expect(logicalNetworkArgv(lab).join(' ')).toContain('-- lsp-add lan2 lan2-rtr -- lsp-set-addresses lan2-rtr 02:00:0a:5b:02:01 10.91.2.1');
    const argv = dnsmasqArgv(lab.services[0]!, '/run/x').join(' ');
    expect(argv).toContain('--interface=eth0 --interface=eth1');
    expect(argv).toContain('--dhcp-range=set:net1,10.91.2.0,static,255.255.255.0,600s --dhcp-option=tag:net1,option:router,10.91.2.1');
    expect(argv).toContain('--dhcp-host=02:00:0a:5b:02:0a,10.91.2.10');
  });

  it.each([
    ['a second port on the same switch', edit('eth1: { switch: lan2,', 'eth1: { switch: lan1,'), "23:23 VM 'rtr' already has a port on switch 'lan1'; one port per switch"],
    ['an address outside the switch', edit('ip: 10.91.2.1 }', 'ip: 10.91.3.1 }'), expect.stringMatching(/^\d+:\d+ 10\.91\.3\.1 is not a host address of switch 'lan2' \(10\.91\.2\.0\/24\)$/)],
    ['a service in a VM that leases its own address', edit('    dhcp: false\n', '    dhcp: true\n'), expect.stringMatching(/VM 'rtr' is the DHCP server here, so it cannot lease its own address/)],
    ['a service in a VM with an address of its own', edit('    vm: rtr\n', '    vm: rtr\n    ip: 10.91.1.5\n'), expect.stringMatching(/a service in VM 'rtr' runs on its chassis, on its switches, with its addresses: drop ip$/)],
    ['a service in an unknown VM', edit('    vm: rtr\n', '    vm: rt\n'), expect.stringMatching(/unknown VM 'rt'/)],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual(expect.arrayContaining([expected]));
  });
});
