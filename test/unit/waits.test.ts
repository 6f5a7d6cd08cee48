import { describe, expect, it } from 'vitest';
import { waitRegisteredBoundSynced } from '../../src/ovn/waits.js';
import type { NodeShell } from '../../src/ovn/node-shell.js';

/** A central that records what it was asked to run: each call a list of commands (one process). */
function recordingCentral(): { central: NodeShell; processes: string[][][] } {
  const processes: string[][][] = [];
  const ok = { stdout: '', stderr: '', exitCode: 0 };
  const central = {
    name: 'central',
    runDir: '/run/lab/t/nodes/central',
    run: async (argv: string[]) => (processes.push([argv]), ok),
    runAll: async (commands: string[][]) => (processes.push(commands), ok),
  } as unknown as NodeShell;
  return { central, processes };
}

describe('waiting for chassis and ports', () => {
  it('waits for every row of a small lab with one wait-until invocation per table, in one process', async () => {
    const { central, processes } = recordingCentral();
    await waitRegisteredBoundSynced(central, ['hv1', 'hv2'], ['p1', 'p2', 'p3']);
    expect(processes).toEqual([
      [
        ['ovn-sbctl', '--timeout=31', 'wait-until', 'Chassis_Private', 'hv1', '--', 'wait-until', 'Chassis_Private', 'hv2'],
        ['ovn-nbctl', '--timeout=31', 'wait-until', 'Logical_Switch_Port', 'p1', 'up=true', '--', 'wait-until', 'Logical_Switch_Port', 'p2', 'up=true', '--', 'wait-until', 'Logical_Switch_Port', 'p3', 'up=true'],
        ['ovn-nbctl', '--timeout=30', '--wait=hv', 'sync'],
      ],
    ]);
  });

  it('splits a big lab into invocations of 500 rows, each its own process, so no command line nears 128 KiB', async () => {
    const { central, processes } = recordingCentral();
    const chassis = Array.from({ length: 1000 }, (_, i) => `hv${i + 1}`);
    const ports = chassis.flatMap((c) => [`tenant-${c}-vm1`, `tenant-${c}-vm2`]);
    await waitRegisteredBoundSynced(central, chassis, ports);
    const tools = processes.map((p) => (p.length === 1 ? p[0]!.slice(0, 2).join(' ') : 'several'));
    expect(tools).toEqual(['ovn-sbctl --timeout=80', 'ovn-sbctl --timeout=80', ...Array(4).fill('ovn-nbctl --timeout=80'), 'ovn-nbctl --timeout=30']);
    const waited = processes.flatMap((p) => p[0]!.filter((a, i, all) => all[i - 2] === 'wait-until'));
    expect(new Set(waited)).toEqual(new Set([...chassis, ...ports]));
    for (const p of processes) expect(p[0]!.join(' ').length).toBeLessThan(64 * 1024);
  });
});
