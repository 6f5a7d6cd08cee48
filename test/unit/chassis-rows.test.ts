import { describe, expect, it } from 'vitest';
import { chassisRows } from '../../src/ovn/central.js';
import { encaps, registeredChassis } from '../../src/ovn/queries.js';
import type { NodeShell } from '../../src/ovn/node-shell.js';
import { ExecResult } from '../../src/base/exec.js';
import { parseTopology } from '../../src/topology/load.js';
import { generateLab } from '../../src/core/generate.js';

describe("central's rows of the chassis", () => {
  it('writes each chassis with its tunnel endpoint and transport zones, 500 in a transaction', () => {
    const lab = parseTopology(generateLab({ chassis: 1001, vmsPerChassis: 1, chassisPerSwitch: 10, name: 'big', runtime: 'netns' }), 'big.yaml');
    const rows = chassisRows(lab.chassis);
    expect(rows.map((argv) => argv.filter((a) => a === 'chassis-add').length)).toEqual([500, 500, 1]);
    const first = rows[0]!.join(' ');
    expect(first.startsWith('ovn-sbctl --timeout=30 -- chassis-add hv1 geneve ')).toBe(true);
    const hv1 = lab.chassis[0]!;
    expect(first).toContain(`-- chassis-add hv1 ${hv1.encap} ${hv1.ip} -- set Chassis hv1 transport_zones=${hv1.transportZones.join(',')} --`);
    for (const argv of rows) expect(argv.join(' ').length).toBeLessThan(64 * 1024);
  });
});

describe('a chassis registered', () => {
  /**
   * Central's SB as ovn-sbctl prints it: hv1 registered by its ovn-controller (its Chassis_Private
   * row points at its Chassis row), hv2 only written by central, hv3's Chassis row deleted.
   */
  const central: NodeShell = {
    name: 'central',
    kind: 'central',
    runDir: '/fake/central',
    env: {},
    run: async (argv) => {
      const table = argv.at(-1);
      const out = table === 'Encap' ? 'hv1,geneve,192.168.100.2\nhv2,geneve,192.168.100.3\n' : table === 'Chassis_Private' ? 'hv1,8e2c54a6-3bd6-4c8f-9d36-6d1c4f0b6a21\nhv3,\n' : '';
      return new ExecResult(argv, 0, out, '', 1);
    },
    runAll: async () => new ExecResult([], 0, '', '', 1),
    appctl: async () => '',
    appctlHere: false,
  };

  it("is one whose ovn-controller has made its Chassis_Private row: central's row alone is not registered", async () => {
    expect(await registeredChassis(central)).toEqual(new Set(['hv1']));
    expect(await encaps(central)).toEqual(['hv1 geneve 192.168.100.2']);
  });
});
