import { mkdtempSync, existsSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { InterruptedError, LabError, UserError } from '../../src/base/errors.js';
import type { LabEvent } from '../../src/base/events.js';
import { upLab } from '../../src/core/up.js';
import { parseTopology } from '../../src/topology/load.js';
import { FakeRuntime, noExec } from './fake-runtime.js';

const lab = parseTopology(readFileSync('labs/dmz.yaml', 'utf8'), 'labs/dmz.yaml');

/** What the VMs of the real dmz lab show once up (their leases). */
const LEASED = { vm1: '172.16.255.130/26', vm2: '172.16.255.131/26' };

function setup() {
  const runtime = new FakeRuntime(LEASED);
  const events: LabEvent[] = [];
  const deps = { exec: noExec, reporter: { notify: (e: LabEvent) => events.push(e), flush: async () => {} }, runtimes: () => runtime };
  return { runtime, events, deps };
}

beforeEach(() => {
  process.env.LAB_STATE_DIR = mkdtempSync(join(tmpdir(), 'lab-state-'));
});

describe('upLab with a fake runtime', () => {
  it('builds underlay, nodes, central, then chassis and the logical network, VMs, then leases, in that order', async () => {
    const { runtime, deps } = setup();
    const result = await upLab({ ...lab, datapath: 'netdev' }, deps);
    // Each VM's address is read from that VM, after its lease.
    expect(result.addresses).toEqual([
      { node: 'vm1', address: LEASED.vm1 },
      { node: 'vm2', address: LEASED.vm2 },
    ]);
    expect(runtime.calls.findIndex((c) => c.startsWith('vm1: ip') && c.includes('addr'))).toBeGreaterThan(runtime.calls.findIndex((c) => c.includes('vm1: timeout 40 /fake/vm1/bin/dhclient')));
    // The logical network needs only central: it is written while the chassis start.
    const calls = (o: string) => runtime.calls.findIndex((c) => c.includes(o));
    expect(calls('hv1: ovn-controller')).toBeGreaterThan(calls('central: ovn-northd'));
    expect(calls('hv1: ovn-controller')).toBeLessThan(calls('vm vm1 on hv1'));
    const order = ['underlay', 'node central', 'central: ovn-northd', 'central: ovn-nbctl --timeout=30 -- ls-add dmz', 'vm vm1 on hv1', 'hv1: ovs-vsctl --timeout=30 -- --may-exist add-port br-int vm1', '--wait=hv sync', 'vm1: timeout 40 /fake/vm1/bin/dhclient -1 -v eth0'];
    const positions = order.map((o) => runtime.calls.findIndex((c) => c.includes(o)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(runtime.destroyed).toBe(0);
  });

  it('records the lab before creating anything and refuses a second up of the same name', async () => {
    const { deps } = setup();
    await upLab({ ...lab, datapath: 'netdev' }, deps);
    expect(existsSync(join(process.env.LAB_STATE_DIR!, 'dmz', 'lab.json'))).toBe(true);
    const again = setup();
    await expect(upLab({ ...lab, datapath: 'netdev' }, again.deps)).rejects.toThrow(UserError);
    expect(again.runtime.calls).toEqual([]);
  });

  it('tears down and rethrows with the cause when a step fails', async () => {
    const { runtime, deps, events } = setup();
    runtime.failOn = (node, argv) => node === 'hv2' && argv[0] === 'ovn-controller';
    const err = await upLab({ ...lab, datapath: 'netdev' }, deps).catch((e: Error) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).message).toContain('ovn-controller');
    expect((err as LabError).cause).toMatchObject({ exitCode: 1, stderr: 'boom' });
    expect(runtime.destroyed).toBe(1);
    expect(existsSync(join(process.env.LAB_STATE_DIR!, 'dmz'))).toBe(false);
    expect(events).toContainEqual(expect.objectContaining({ type: 'step-fail', id: 'chassis:hv2' }));
  });

  it('keeps what was made with keepOnFailure', async () => {
    const { runtime, deps } = setup();
    runtime.failOn = (_node, argv) => argv.some((a) => a.endsWith('/bin/dhclient'));
    await expect(upLab({ ...lab, datapath: 'netdev' }, deps, { keepOnFailure: true })).rejects.toThrow(LabError);
    expect(runtime.destroyed).toBe(0);
    expect(existsSync(join(process.env.LAB_STATE_DIR!, 'dmz', 'lab.json'))).toBe(true);
  });

  it('an abort stops before the next step, tears down even with keepOnFailure, and says it was interrupted', async () => {
    const { runtime, deps } = setup();
    const controller = new AbortController();
    runtime.failOn = (node, argv) => {
      if (node === 'central' && argv[0] === 'ovn-northd') controller.abort('SIGINT');
      return false;
    };
    const err = await upLab({ ...lab, datapath: 'netdev' }, deps, { signal: controller.signal, keepOnFailure: true }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect(runtime.calls.some((c) => c.startsWith('hv1:'))).toBe(false);
    expect(runtime.destroyed).toBe(1);
  });

  it('sets on each chassis the tunnel neighbours its table lacks after the announcements, and only those', async () => {
    const { runtime, deps } = setup();
    const [hv1, hv2] = lab.chassis;
    // hv1 learned hv2 from its announcement; hv2 heard hv1's too early (or with another MAC).
    const tables: Record<string, string> = {
      hv1: `IP  MAC  Bridge\n=====\n${hv2!.ip}    ${hv2!.mac.toUpperCase()}   br-phy\n`,
      hv2: `IP  MAC  Bridge\n=====\n${hv1!.ip}    02:00:00:00:00:99   br-phy\n`,
    };
    runtime.answer = (node, argv) => (argv.join(' ') === 'ovs-appctl tnl/neigh/show' ? tables[node] : undefined);
    await upLab({ ...lab, datapath: 'netdev' }, deps);
    const sets = runtime.calls.filter((c) => c.includes('tnl/neigh/set'));
    expect(sets).toEqual([`hv2: ovs-appctl tnl/neigh/set br-phy ${hv1!.ip} ${hv1!.mac}`]);
    // Read after each chassis announced itself.
    const announced = runtime.calls.map((c, i) => (c.includes('packet-out') ? i : -1)).filter((i) => i >= 0);
    expect(announced).toHaveLength(2);
    expect(runtime.calls.findIndex((c) => c.includes('tnl/neigh/show'))).toBeGreaterThan(Math.max(...announced));
  });
});
