import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv, logicalNetworkTransactions, MAX_TRANSACTION_BYTES } from '../../src/ovn/logical-network.js';
import { bigLab } from './big-lab.js';
import { parseTopology } from '../../src/topology/load.js';

describe('the NB configuration is one ovn-nbctl transaction', () => {
  it("matches the notes' commands for dmz", () => {
    const lab = parseTopology(readFileSync('labs/dmz.yaml', 'utf8'), 'labs/dmz.yaml');
    expect(logicalNetworkArgv(lab)).toEqual([
      'ovn-nbctl',
      '--timeout=30',
      '--',
      'ls-add',
      'dmz',
      '--',
      '--id=@dhcp0',
      'create',
      'DHCP_Options',
      'cidr=172.16.255.128/26',
      'options:server_id="172.16.255.129"',
      'options:server_mac="02:ac:10:ff:01:29"',
      'options:lease_time="3600"',
      'options:router="172.16.255.129"',
      '--',
      'lsp-add',
      'dmz',
      'dmz-vm1',
      '--',
      'lsp-set-addresses',
      'dmz-vm1',
      '02:ac:10:ff:01:30 172.16.255.130',
      '--',
      'set',
      'Logical_Switch_Port',
      'dmz-vm1',
      'dhcpv4_options=@dhcp0',
      '--',
      'lsp-add',
      'dmz',
      'dmz-vm2',
      '--',
      'lsp-set-addresses',
      'dmz-vm2',
      '02:ac:10:ff:01:31 172.16.255.131',
      '--',
      'set',
      'Logical_Switch_Port',
      'dmz-vm2',
      'dhcpv4_options=@dhcp0',
    ]);
  });

  it('quotes option values for ovsdb (dns_server is a set)', () => {
    const lab = parseTopology('name: t\nchassis: {hv1: {}}\nswitches:\n  s: {subnet: 10.0.0.0/24, dhcp: {dns_server: 10.0.0.53, options: {domain_name: \'"lab"\'}}}\n', 't.yaml');
    const argv = logicalNetworkArgv(lab);
    expect(argv).toContain('options:dns_server="{10.0.0.53}"');
    expect(argv).toContain('options:domain_name="\\"lab\\""');
  });
});

describe('big labs', () => {
  it('a 3000-VM lab is split into ovn-nbctl calls far below the kernel argument limits', () => {
    const lab = parseTopology(bigLab(100, 3000), 'big.yaml');
    const txns = logicalNetworkTransactions(lab);
    expect(txns.length).toBeGreaterThan(3);
    for (const argv of txns) expect(argv.reduce((n, w) => n + w.length + 1, 0)).toBeLessThanOrEqual(MAX_TRANSACTION_BYTES + 200);
    const added = txns.flatMap((t) => t.flatMap((w, i) => (w === 'lsp-add' ? [t[i + 2]!] : [])));
    expect(added).toHaveLength(3000 + 60);
    expect(new Set(added).size).toBe(added.length);
    // Each DHCP row is made once; later calls find it through the first port that took it.
    expect(txns.flat().filter((w) => w === 'create').length).toBe(3);
    expect(txns.slice(1).every((t) => t.join(' ').includes('get DHCP_Options'))).toBe(true);
  });
});
