import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../src/ovn/logical-network.js';
import { parseTopology } from '../../src/topology/load.js';

describe('the NB configuration is one ovn-nbctl transaction', () => {
  it('matches the notes\' commands for dmz', () => {
    const lab = parseTopology(readFileSync('labs/dmz.yaml', 'utf8'), 'labs/dmz.yaml');
    expect(logicalNetworkArgv(lab)).toEqual([
      'ovn-nbctl', '--timeout=30',
      '--', 'ls-add', 'dmz',
      '--', '--id=@dhcp0', 'create', 'DHCP_Options', 'cidr=172.16.255.128/26',
      'options:server_id="172.16.255.129"', 'options:server_mac="02:ac:10:ff:01:29"', 'options:lease_time="3600"',
      'options:router="172.16.255.129"', 'options:mtu="1400"',
      '--', 'lsp-add', 'dmz', 'dmz-vm1',
      '--', 'lsp-set-addresses', 'dmz-vm1', '02:ac:10:ff:01:30 172.16.255.130',
      '--', 'set', 'Logical_Switch_Port', 'dmz-vm1', 'dhcpv4_options=@dhcp0',
      '--', 'lsp-add', 'dmz', 'dmz-vm2',
      '--', 'lsp-set-addresses', 'dmz-vm2', '02:ac:10:ff:01:31 172.16.255.131',
      '--', 'set', 'Logical_Switch_Port', 'dmz-vm2', 'dhcpv4_options=@dhcp0',
    ]);
  });

  it('quotes option values for ovsdb (dns_server is a set)', () => {
    const lab = parseTopology(
      'name: t\nchassis: {hv1: {}}\nswitches:\n  s: {subnet: 10.0.0.0/24, dhcp: {dns_server: 10.0.0.53, options: {domain_name: \'"lab"\'}}}\n',
      't.yaml',
    );
    const argv = logicalNetworkArgv(lab);
    expect(argv).toContain('options:dns_server="{10.0.0.53}"');
    expect(argv).toContain('options:domain_name="\\"lab\\""');
  });
});
