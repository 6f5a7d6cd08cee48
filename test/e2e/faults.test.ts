import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeE2E, lab, labFile, labNamespaces, usesLabs } from './helpers.js';

const NAME = 'e2e-faults';
const ELSEWHERE = 'e2e-elsewhere';

interface Daemon {
  name: string;
  state: string;
  running: boolean;
}
interface Node {
  name: string;
  kind: string;
  registered?: string;
  daemons: Daemon[];
}

const pidOf = (node: string, daemon: string) => Number(readFileSync(`/run/lab/${NAME}/nodes/${node}/${daemon}.pid`, 'utf8'));

describeE2E('faults under a running lab are seen', () => {
  usesLabs(NAME);

  it('a killed ovn-controller: status degraded, lab test fails naming it, the bundle keeps its log', async () => {
    expect((await lab(['up', labFile('dmz', NAME)])).code).toBe(0);
    process.kill(pidOf('hv1', 'ovn-controller'), 'SIGKILL');

    const status = await lab(['status', NAME, '--format', 'json']);
    expect(status.code).toBe(1);
    const [s] = JSON.parse(status.stdout) as { healthy: boolean; nodes: Node[] }[];
    expect(s.healthy).toBe(false);
    const hv1 = s.nodes.find((n) => n.name === 'hv1')!;
    expect(hv1.daemons.find((d) => d.name === 'ovn-controller')).toMatchObject({ running: false, state: expect.stringMatching(/^(dead|zombie)$/) });
    expect(hv1.daemons.filter((d) => d.running).map((d) => d.name)).toEqual(['ovsdb-server', 'ovs-vswitchd']);

    const bundles = mkdtempSync(join(tmpdir(), 'lab-bundles-'));
    const json = join(bundles, 'report.json');
    const test = await lab(['test', NAME, '--bundle-dir', bundles, '--json', json]);
    expect(test.code).toBe(1);
    const checks = JSON.parse(readFileSync(json, 'utf8')).labs[0].checks as { name: string; passed: boolean; seen: string }[];
    expect(checks.filter((c) => !c.passed)).toEqual([expect.objectContaining({ name: 'lab daemons are running', seen: expect.stringMatching(/^hv1: ovn-controller (dead|zombie) \(pid \d+\)$/) })]);
    const [bundle] = readdirSync(bundles).filter((f) => f.startsWith(NAME));
    const daemons = readFileSync(join(bundles, bundle!, 'daemons.txt'), 'utf8');
    expect(daemons).toMatch(/^NOT ALL DAEMONS ARE RUNNING\n/);
    expect(daemons).toMatch(/^hv1: ovn-controller (dead|zombie) \(pid \d+\)$/m);
    expect(daemons).toContain(`----- last lines of hv1:/run/lab/${NAME}/nodes/hv1/ovn-controller.log -----`);
  });

  it('a killed SB database: registration is unknown, not "no"', async () => {
    process.kill(pidOf('central', 'ovnsb_db'), 'SIGKILL');
    const [s] = JSON.parse((await lab(['status', NAME, '--format', 'json'])).stdout) as { nodes: Node[] }[];
    expect(s.nodes.filter((n) => n.kind === 'chassis').map((n) => n.registered)).toEqual(['unknown', 'unknown']);
    const table = await lab(['status', NAME]);
    expect(table.stdout).toMatch(/^hv2 +chassis +up +registration unknown \(SB database not answering\)/m);
    expect((await lab(['down', NAME])).code).toBe(0);
  });
});

describeE2E('a lab brought up under another LAB_STATE_DIR', () => {
  usesLabs(ELSEWHERE);

  it('is removed by lab down without it: namespaces, processes and its state directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'lab-state-'));
    expect((await lab(['up', labFile('dmz', ELSEWHERE)], { env: { LAB_STATE_DIR: root } })).code).toBe(0);
    expect(existsSync(join(root, ELSEWHERE, 'lab.json'))).toBe(true);
    const down = await lab(['down', ELSEWHERE], { env: { LAB_STATE_DIR: undefined } });
    expect(down.stdout).toBe(`lab ${ELSEWHERE} is down\n`);
    expect(await labNamespaces(ELSEWHERE)).toEqual([]);
    expect(existsSync(join(root, ELSEWHERE))).toBe(false);
  });
});
