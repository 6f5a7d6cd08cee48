import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InterruptedError, LabError, UserError } from '../../src/base/errors.js';
import type { LabEvent } from '../../src/base/events.js';
import { testLab } from '../../src/core/test.js';
import { upLab } from '../../src/core/up.js';
import { parseTopology } from '../../src/topology/load.js';
import { FakeRuntime, noExec } from './fake-runtime.js';
import { bigLab } from './big-lab.js';

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
  it('builds underlay, nodes, central and chassis with their VMs, then the logical network once every chassis registered, then leases, in that order', async () => {
    const { runtime, deps } = setup();
    const result = await upLab({ ...lab, datapath: 'netdev' }, deps);
    // Each VM's address is read from that VM, after its lease.
    expect(result.addresses).toEqual([
      { node: 'vm1', address: LEASED.vm1 },
      { node: 'vm2', address: LEASED.vm2 },
    ]);
    expect(runtime.calls.findIndex((c) => c.startsWith('vm1: ip') && c.includes('addr'))).toBeGreaterThan(runtime.calls.findIndex((c) => c.startsWith('vm1: sh -c') && c.includes('40 /sbin/dhclient -cf /fake/vm1/dhclient.conf')));
    // The logical network is written once every chassis has registered (their registrations then
    // recompute next to nothing), after the chassis steps, which plug the VMs: made before the
    // chassis starts, plugged in the transaction that makes br-int, before ovn-controller starts.
    const calls = (o: string) => runtime.calls.findIndex((c) => c.includes(o));
    expect(calls('hv1: ovn-controller')).toBeGreaterThan(calls('central: ovn-northd'));
    // Central writes every chassis' row before northd, whose SB the chassis wait for.
    expect(runtime.calls[calls('chassis-add')]).toMatch(/^central: ovn-sbctl --db=unix:\S+\/ovnsb_db.sock --timeout=30 -- chassis-add hv1 geneve 192\.168\.100\.2 -- chassis-add hv2 geneve 192\.168\.100\.3$/);
    expect(calls('chassis-add')).toBeLessThan(calls('central: ovn-northd'));
    expect(calls('hv1: ovn-controller')).toBeGreaterThan(calls('vm vm1 on hv1'));
    expect(calls('hv1: ovn-controller')).toBeGreaterThan(calls('add-br br-int'));
    expect(runtime.calls[calls('add-br br-int')]).toMatch(/^hv1: ovs-vsctl .*-- add-br br-int .*-- --may-exist add-port br-int vm1 -- set Interface vm1 external_ids:iface-id=dmz-vm1 /);
    // hv2, configured as hv1, waits for central to fill its row in from hv1's (see chassisTemplateCommand).
    expect(runtime.calls[calls('wait-until Chassis_Private hv1 -- get Chassis hv1 other_config')]).toMatch(
      /^central: timeout \d+ sh -c .*until oc=\$\(ovn-sbctl --timeout=5 wait-until Chassis_Private hv1 -- get Chassis hv1 other_config .* && w hv2$/s,
    );
    expect(runtime.calls[calls('hv2: timeout')]).toContain('wait-until Chassis hv2');
    expect(runtime.calls[calls('hv1: timeout')]).toContain('list SB_Global');
    const lastRegistration = Math.max(...['hv1', 'hv2'].map((c) => runtime.calls.findIndex((x) => x.includes(`--timeout=31 wait-until Chassis_Private ${c}`))));
    expect(lastRegistration).toBeGreaterThan(Math.max(calls('hv1: ovn-controller'), calls('hv2: ovn-controller')));
    expect(calls('ls-add dmz')).toBeGreaterThan(lastRegistration);
    const order = ['underlay', 'node central', 'vm vm1 on hv1', 'central: ovn-northd', 'hv1: ovn-controller', 'central: ovn-nbctl --timeout=30 -- ls-add dmz', '--wait=hv sync', '40 /sbin/dhclient -cf /fake/vm1/dhclient.conf'];
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

  it("a failed step stops its siblings and tears down, only the lab's own, once none is still making anything", async () => {
    const { runtime, deps } = setup();
    runtime.failOn = (node, argv) => node === 'hv1' && argv[0] === 'ovn-controller';
    runtime.delayOn = (node, argv) => (node === 'hv2' && argv[0] === 'ovn-controller' ? 150 : 0);
    await expect(upLab({ ...lab, datapath: 'netdev' }, deps)).rejects.toThrow(/did not come up: .*ovn-controller/);
    expect(runtime.calls.indexOf('destroy')).toBeGreaterThan(runtime.calls.indexOf('hv2: done ovn-controller'));
    expect(runtime.destroyOptions).toEqual([{ onlyOurs: true }]);
  });

  it('records the owner behind sudo and this process as the maker: starting while up runs, up at the end', async () => {
    const { runtime, deps } = setup();
    const record = () => JSON.parse(readFileSync(join(process.env.LAB_STATE_DIR!, 'dmz', 'lab.json'), 'utf8'));
    let during: { state: string } | undefined;
    runtime.failOn = (node, argv) => {
      if (node === 'hv1' && argv[0] === 'ovn-controller') during = record();
      return false;
    };
    process.env.SUDO_USER = 'alice';
    process.env.SUDO_UID = '1234';
    try {
      await upLab({ ...lab, datapath: 'netdev' }, deps);
    } finally {
      delete process.env.SUDO_USER;
      delete process.env.SUDO_UID;
    }
    expect(during?.state).toBe('starting');
    expect(record()).toMatchObject({ format: 2, owner: { user: 'alice', uid: 1234 }, maker: { pid: process.pid, command: 'up' }, state: 'up' });
  });

  it("keeps what was made with onFailure: 'keep', and says how to remove it", async () => {
    const { runtime, deps, events } = setup();
    runtime.failOn = (_node, argv) => argv.includes('/sbin/dhclient');
    await expect(upLab({ ...lab, datapath: 'netdev' }, deps, { onFailure: 'keep' })).rejects.toThrow(LabError);
    expect(runtime.destroyed).toBe(0);
    expect(existsSync(join(process.env.LAB_STATE_DIR!, 'dmz', 'lab.json'))).toBe(true);
    expect(events).toContainEqual({ type: 'warn', message: "lab 'dmz' kept for debugging; remove it with 'lab down dmz'" });
  });

  it("an abort stops before the next step, tears down even with onFailure: 'keep', and says it was interrupted", async () => {
    const { runtime, deps } = setup();
    const controller = new AbortController();
    runtime.failOn = (node, argv) => {
      if (node === 'central' && argv[0] === 'ovn-northd') controller.abort('SIGINT');
      return false;
    };
    const err = await upLab({ ...lab, datapath: 'netdev' }, deps, { signal: controller.signal, onFailure: 'keep' }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    // The chassis started beside central; nothing of the steps after theirs ran.
    expect(runtime.calls.some((c) => c.includes('wait-until Logical_Switch_Port') || c.startsWith('vm1:'))).toBe(false);
    expect(runtime.destroyed).toBe(1);
  });

  it('sets each chassis its tunnel peers as it starts when it has few: dmz, no announcements', async () => {
    const { runtime, deps } = setup();
    const [hv1, hv2] = lab.chassis;
    await upLab({ ...lab, datapath: 'netdev' }, deps);
    const hv1Sets = `hv1: ovs-appctl tnl/neigh/set br-phy ${hv2!.ip} ${hv2!.mac}`;
    const hv2Sets = `hv2: ovs-appctl tnl/neigh/set br-phy ${hv1!.ip} ${hv1!.mac}`;
    expect(runtime.calls.filter((c) => c.includes('tnl/neigh') || c.includes('packet-out')).sort()).toEqual([hv1Sets, hv2Sets]);
    // Once the chassis has started (its ovs-vswitchd answers), before any VM asks for its lease.
    const at = (c: string) => runtime.calls.findIndex((x) => x.startsWith(c));
    expect(at(hv1Sets)).toBeGreaterThan(at('hv1: ovn-controller'));
    expect(at(hv1Sets)).toBeLessThan(runtime.calls.findIndex((x) => x.includes('dhclient')));
  });

  it('with many peers, announces each chassis and then sets on each only the peers its table lacks', async () => {
    const { runtime, deps } = setup();
    const big = parseTopology(bigLab(18, 0), 'big.yaml');
    const [, hv2, hv3] = big.chassis;
    const peers = big.chassis.slice(1);
    // hv1 learned every peer but hv2 (whose announcement came too early) and hv3 (learned with another MAC).
    const table = peers.filter((p) => p !== hv2).map((p) => `${p.ip}    ${p === hv3 ? '02:00:00:00:00:99' : p.mac.toUpperCase()}   br-phy`);
    runtime.answer = (node, argv) => (node === 'hv1' && argv.join(' ') === 'ovs-appctl tnl/neigh/show' ? `IP  MAC  Bridge\n=====\n${table.join('\n')}\n` : undefined);
    await upLab({ ...big, datapath: 'netdev' }, deps);
    const on = (node: string, what: string) => runtime.calls.filter((c) => c.startsWith(`${node}: `) && c.includes(what));
    expect(on('hv1', 'tnl/neigh/set')).toEqual([`hv1: ovs-appctl tnl/neigh/set br-phy ${hv2!.ip} ${hv2!.mac}`, `hv1: ovs-appctl tnl/neigh/set br-phy ${hv3!.ip} ${hv3!.mac}`]);
    // A chassis whose table reads empty gets every peer.
    expect(on('hv2', 'tnl/neigh/set')).toHaveLength(17);
    // Each table is read after every chassis announced itself.
    const announced = runtime.calls.map((c, i) => (c.includes('packet-out') ? i : -1)).filter((i) => i >= 0);
    expect(announced).toHaveLength(18);
    expect(runtime.calls.findIndex((c) => c.includes('tnl/neigh/show'))).toBeGreaterThan(Math.max(...announced));
  });
});

describe('lab test of a lab that does not come up', () => {
  const kept = { type: 'warn', message: "lab 'dmz' kept for debugging; remove it with 'lab down dmz'" };
  const failingUp = () => {
    const s = setup();
    s.runtime.failOn = (_node, argv) => argv.includes('/sbin/dhclient');
    return s;
  };
  let bundles: string[] = [];
  const bundleRoot = () => bundles[bundles.push(mkdtempSync(join(tmpdir(), 'lab-bundles-'))) - 1]!;
  afterEach(() => {
    for (const dir of bundles) rmSync(dir, { recursive: true, force: true });
    bundles = [];
  });

  it('bundles what was made, then removes it without saying it was kept', async () => {
    const { runtime, deps, events } = failingUp();
    const report = await testLab({ ...lab, datapath: 'netdev' }, false, deps, { bundleRoot: bundleRoot() });
    expect(report).toMatchObject({ status: 'error', error: expect.stringContaining("lab 'dmz' did not come up"), bundle: expect.any(String) });
    expect(runtime.destroyed).toBe(1);
    expect(existsSync(join(process.env.LAB_STATE_DIR!, 'dmz'))).toBe(false);
    expect(events).not.toContainEqual(expect.objectContaining({ message: expect.stringContaining('kept') }));
  });

  it('with --keep, leaves it and says how to remove it', async () => {
    const { runtime, deps, events } = failingUp();
    await testLab({ ...lab, datapath: 'netdev' }, false, deps, { keep: true, bundleRoot: bundleRoot() });
    expect(runtime.destroyed).toBe(0);
    expect(existsSync(join(process.env.LAB_STATE_DIR!, 'dmz', 'lab.json'))).toBe(true);
    expect(events.filter((e) => e.type === 'warn')).toEqual([kept]);
  });
});
