import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../src/ovn/logical-network.js';
import { parseTopology } from '../../src/topology/load.js';
import { editorOf, issues } from './issues.js';

const BASE = readFileSync('labs/multi-subnet.yaml', 'utf8');
const edit = editorOf(BASE);

describe('several subnets on one logical switch (on:)', () => {
  it("makes one switch, a DHCP row per subnet, each port pointing at its own subnet's row", () => {
    expect(issues(BASE)).toEqual([]);
    const argv = logicalNetworkArgv(parseTopology(BASE, 'multi-subnet.yaml')).join(' ');
    expect(argv.match(/ ls-add /g)).toHaveLength(1);
    expect(argv).toContain('-- --id=@dhcp1 create DHCP_Options cidr=10.70.2.0/24');
    expect(argv).toContain('-- lsp-add net net-b-vm2 -- lsp-set-addresses net-b-vm2 02:00:0a:46:02:0a 10.70.2.10 -- set Logical_Switch_Port net-b-vm2 dhcpv4_options=@dhcp1');
    expect(argv).toContain('-- lsp-add net net-b-r1');
  });

  it.each([
    ['a subnet on an unknown switch', edit('    on: net ', '    on: nett '), expect.stringMatching(/^\d+:9 unknown switch 'nett'/)],
    ['overlapping subnets on one switch', edit('    subnet: 10.70.2.0/24', '    subnet: 10.70.1.128/25'), expect.stringMatching(/^\d+:13 10\.70\.1\.128\/25 overlaps 10\.70\.1\.0\/24 of 'net', on the same logical switch$/)],
    ['a provider network on a subnet entry', edit('    on: net ', '    provider: phys\n    on: net '), expect.stringMatching(/provider belongs to the logical switch as a whole: write it on 'net'$/)],
  ])('refuses %s, at its line and column', (_what, text, expected) => {
    expect(issues(text)).toEqual(expect.arrayContaining([expected]));
  });
});
