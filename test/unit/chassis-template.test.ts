import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chassisTemplate, chassisTemplateCommand } from '../../src/ovn/chassis-template.js';
import { parseTopology } from '../../src/topology/load.js';
import { generateLab } from '../../src/core/generate.js';
import type { Chassis } from '../../src/topology/model.js';

const lab = (chassis: string) => parseTopology(`name: t\nchassis:\n${chassis}\nswitches:\n  lan: {subnet: 10.0.0.0/24}\nvms:\n  vm1: {chassis: hv1, switch: lan, ip: 10.0.0.10}\n`, 't.yaml');

describe("the chassis whose rows central fills in from the first chassis'", () => {
  it('are the others configured as the first: not one on another release, nor one with provider bridges of its own', () => {
    const l = lab('  hv1: {}\n  hv2: {}\n  hv3: {release: trixie}\n  hv4: {}');
    const template = chassisTemplate(l, (c: Chassis) => (c.name === 'hv4' ? [['ovs-vsctl', 'set', 'Open_vSwitch', '.', 'external_ids:ovn-bridge-mappings="phys:br-phys"']] : []));
    expect(template?.first.name).toBe('hv1');
    expect(template?.others.map((c) => c.name)).toEqual(['hv2']);
  });

  it('are none in a lab of one chassis, or where no other is configured as the first', () => {
    expect(chassisTemplate(lab('  hv1: {}'), () => [])).toBeUndefined();
    expect(chassisTemplate(lab('  hv1: {}\n  hv2: {release: trixie}'), () => [])).toBeUndefined();
  });
});

describe("central's command that fills them in", () => {
  /** Runs the command with an ovn-sbctl that prints hv1's columns as ovn-sbctl does and notes each call. */
  function run(argv: string[]): string[][] {
    const dir = mkdtempSync(join(tmpdir(), 'lab-template-'));
    try {
      const calls = join(dir, 'calls');
      writeFileSync(
        join(dir, 'ovn-sbctl'),
        `#!/bin/sh\nprintf '%s\\n' "$*" >> ${calls}\ncase "$*" in *'get Chassis hv1 other_config') echo '{datapath-type=netdev, iface-types="geneve,patch", port-up-notif="true"}' ;; *external_ids) echo '{}' ;; esac\n`,
        {
          mode: 0o755,
        },
      );
      execFileSync(argv[0]!, argv.slice(1), { env: { PATH: `${dir}:/usr/bin:/bin` } });
      return readFileSync(calls, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(' '));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("reads the first chassis' other_config as it registered (in the invocation that waits for it), then writes it and its external_ids, each chassis' hostname its name", () => {
    const l = lab('  hv1: {}\n  hv2: {}\n  hv3: {}');
    const [firstRow, getExternal, write, ...more] = run(
      chassisTemplateCommand(
        chassisTemplate(l, () => [])!,
        30,
      ),
    );
    expect(firstRow).toEqual(['--timeout=5', 'wait-until', 'Chassis_Private', 'hv1', '--', 'get', 'Chassis', 'hv1', 'other_config']);
    expect(getExternal).toEqual(['--timeout=30', 'get', 'Chassis', 'hv1', 'external_ids']);
    expect(write!.join(' ')).toBe(
      '--timeout=30 -- set Chassis hv2 hostname=hv2 other_config={datapath-type=netdev, iface-types="geneve,patch", port-up-notif="true"} external_ids={} -- set Chassis hv3 hostname=hv3 other_config={datapath-type=netdev, iface-types="geneve,patch", port-up-notif="true"} external_ids={}',
    );
    expect(more).toEqual([]);
  });

  it('writes 500 chassis in a transaction, from a script of their names alone', () => {
    const big = parseTopology(generateLab({ chassis: 1001, vmsPerChassis: 1, chassisPerSwitch: 10, name: 'big', runtime: 'netns' }), 'big.yaml');
    const argv = chassisTemplateCommand(
      chassisTemplate(big, () => [])!,
      130,
    );
    expect(argv.slice(0, 2)).toEqual(['timeout', '160']);
    const script = argv.at(-1)!;
    const writes = script.split(' && ').filter((part) => part.startsWith('w '));
    expect(writes.map((part) => part.split(' ').length - 1)).toEqual([500, 500]);
    expect(writes[0]!.startsWith('w hv2 hv3 ')).toBe(true);
    expect(script.length).toBeLessThan(16 * 1024);
  });
});
