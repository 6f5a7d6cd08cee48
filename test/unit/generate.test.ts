import { describe, expect, it } from 'vitest';
import { generateLab } from '../../src/core/generate.js';
import { parseTopology } from '../../src/topology/load.js';
import { issues } from './issues.js';

describe('lab generate', () => {
  it('writes a valid lab of N chassis with M VMs each, underlay and switch sized to fit', () => {
    const text = generateLab({ name: 'big', chassis: 300, vmsPerChassis: 3, runtime: 'netns' });
    expect(issues(text)).toEqual([]);
    const lab = parseTopology(text, 'big.yaml');
    expect(lab.chassis).toHaveLength(300);
    expect(lab.vms).toHaveLength(900);
    expect(lab.underlay.subnet.text).toBe('100.64.0.0/23'); // 301 nodes do not fit a /24
    expect(lab.switches[0]!.subnet.text).toBe('10.0.0.0/22');
    expect(lab.checks.map((c) => c.kind)).toEqual(['chassis', 'tunnels', 'dhcp', 'dhcp', 'ping']);
    expect(new Set(lab.vms.map((v) => v.ip)).size).toBe(900);
  });

  it('keeps the small case plain: one chassis, one VM, no mesh and no ping', () => {
    const lab = parseTopology(generateLab({ name: 'one', chassis: 1, vmsPerChassis: 1, runtime: 'docker' }), 'one.yaml');
    expect(lab.runtime).toBe('docker');
    expect(lab.checks.map((c) => c.kind)).toEqual(['chassis', 'dhcp']);
  });
});
