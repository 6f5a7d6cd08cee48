import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logicalNetworkArgv } from '../../ovn/logical-network.js';
import { parseTopology } from '../../topology/load.js';
import { issues } from '../../../test/unit/issues.js';

const LAB = readFileSync(new URL('../../../labs/fdb.yaml', import.meta.url), 'utf8');

/** labs/fdb.yaml with its checks replaced by these (each a YAML flow mapping on its own line). */
function withChecks(...checks: string[]): { text: string; line: number } {
  const base = `${LAB.slice(0, LAB.indexOf('\nchecks:') + 1)}checks:\n`;
  return { text: `${base}${checks.map((c) => `  - ${c}\n`).join('')}`, line: base.split('\n').length };
}

describe('a VM with addresses unknown', () => {
  it("has a logical port of addresses 'unknown', a static address and no DHCP", () => {
    const lab = parseTopology(LAB, 'fdb.yaml');
    const vm2 = lab.vms.find((v) => v.name === 'vm2');
    expect(vm2).toMatchObject({ unknownAddresses: true, dhcp: false, ip: '10.73.0.12', gateway: '10.73.0.1' });
    const script = logicalNetworkArgv(lab).join(' ');
    expect(script).toContain('lsp-set-addresses lan-vm2 unknown');
    expect(script).toContain('lsp-set-addresses lan-vm1 02:00:0a:49:00:0b 10.73.0.11');
  });

  it('refuses dhcp: OVN answers no DHCP for it', () => {
    const text = LAB.replace('ip: 10.73.0.12, addresses: unknown }', 'ip: 10.73.0.12, addresses: unknown, dhcp: true }');
    const line = text.split('\n').findIndex((l) => l.includes('dhcp: true }')) + 1;
    expect(issues(text)).toEqual([`${line}:${text.split('\n')[line - 1]!.indexOf('dhcp: true') + 7} OVN answers no DHCP for a port with addresses unknown: drop dhcp (its address is static)`]);
  });
});

describe('fdb checks', () => {
  it('accepts a MAC or a VM, on a switch or the VM’s, on a port or a VM', () => {
    const { text } = withChecks('{ name: a, kind: fdb, mac: vm2, port: vm2 }', '{ name: b, kind: fdb, switch: lan, mac: "02:00:0a:49:00:0c", port: lan-vm2 }', '{ name: c, kind: fdb, switch: lan, mac: vm1, expect: gone }');
    expect(parseTopology(text, 't.yaml').checks.map((c) => c.kind)).toEqual(['fdb', 'fdb', 'fdb']);
  });

  it.each([
    ['a MAC of no VM', '{ name: a, kind: fdb, mac: vm9 }', 'vm9', "'vm9' is neither a MAC (02:00:0a:49:00:0c) nor a VM of this lab (vm1, vm2, remote)"],
    ['a MAC without its switch', '{ name: a, kind: fdb, mac: "02:00:0a:49:00:0c" }', '"02:00:0a:49:00:0c"', 'say which switch (switch:), or name a VM in mac or port'],
    ['an unknown switch', '{ name: a, kind: fdb, switch: dmz, mac: vm2 }', 'dmz', "unknown switch 'dmz' (switches in this lab: lan, wan)"],
    ['an unknown port', '{ name: a, kind: fdb, mac: vm2, port: lan-vm9 }', 'lan-vm9', "'lan-vm9' is neither a VM nor a VM's logical port (VMs in this lab: vm1, vm2, remote)"],
    ['a port with expect gone', '{ name: a, kind: fdb, mac: vm2, port: vm2, expect: gone }', 'vm2, expect', 'port goes with expect: learned (a row that is gone has no port)'],
  ])('refuses %s, at the field', (_what, check, value, message) => {
    const { text, line } = withChecks(check);
    // The column of the field's value: the check's line starts with "  - ".
    expect(issues(text)).toEqual([`${line}:${5 + check.indexOf(` ${value}`) + 1} check 'a': ${message}`]);
  });
});
