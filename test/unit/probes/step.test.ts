import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

const sync = 'central: ovn-nbctl --timeout=30 --wait=hv sync';

describe('step: NB changes', () => {
  it('one ovn-nbctl transaction, then waits until every chassis applied it', async () => {
    const lab = fakeLab('vpc', 'kind: step, add_nat: { router: r1, type: dnat_and_snat, external_ip: 172.16.0.101, logical_ip: 10.50.0.12 }');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'add nat done: lr-nat-add r1 dnat_and_snat 172.16.0.101 10.50.0.12' });
    expect(lab.ran).toEqual(['central: ovn-nbctl --timeout=30 -- lr-nat-add r1 dnat_and_snat 172.16.0.101 10.50.0.12', sync]);
  });

  it('a change ovn-nbctl refuses fails with its message, and nothing is waited for', async () => {
    const lab = fakeLab('vpc', 'kind: step, remove_route: { router: r1, prefix: 10.99.0.0/24 }').on('central', 'ovn-nbctl --timeout=30 -- lr-route-del', { exit: 1, stderr: fixture('step-route-del-no-match.stderr') });
    expect(await lab.attempt()).toEqual({ ok: false, seen: "ovn-nbctl failed: ovn-nbctl: no matching route: policy 'any', prefix '10.99.0.0/24', nexthop 'any', output_port 'any'." });
    expect(lab.ran).toEqual(['central: ovn-nbctl --timeout=30 -- lr-route-del r1 10.99.0.0/24']);
  });

  it('add_acl: the ACL created and added to its port group in one transaction', async () => {
    const lab = fakeLab('security-groups', `kind: step, add_acl: { port_group: web, direction: to-lport, priority: 1002, match: 'outport == @web && tcp.dst == 22', action: allow-related }`);
    expect(await lab.attempt()).toEqual({ ok: true, seen: `add acl done: --id=@step create ACL direction=to-lport priority=1002 'match="outport == @web && tcp.dst == 22"' action=allow-related add Port_Group web acls @step` });
    expect(lab.ran).toEqual(['central: ovn-nbctl --timeout=30 -- --id=@step create ACL direction=to-lport priority=1002 match="outport == @web && tcp.dst == 22" action=allow-related -- add Port_Group web acls @step', sync]);
  });

  it("add_member: the member's logical port added to the port group", async () => {
    const lab = fakeLab('security-groups', 'kind: step, add_member: { port_group: clients, member: admin }');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'add member done: --id=@p get Logical_Switch_Port lan-admin add Port_Group clients ports @p' });
    expect(lab.ran[0]).toBe('central: ovn-nbctl --timeout=30 -- --id=@p get Logical_Switch_Port lan-admin -- add Port_Group clients ports @p');
  });
});

describe('step: faults', () => {
  it('kill the leader: the member whose cluster/status says leader, by its pid file', async () => {
    const lab = fakeLab('central-ha', 'kind: step, kill: { daemon: ovnsb_db, leader: sb }').on('central', 'ovs-appctl -t /fake/central/ovnsb_db.ctl cluster/status', fixture('cluster-central-sb-leader'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ovnsb_db on central killed (SIGKILL)' });
    expect(lab.ran).toEqual([
      'central: ovs-appctl -t /fake/central/ovnsb_db.ctl cluster/status OVN_Southbound',
      expect.stringMatching(/^central: sh -c p=\$\(cat "\$1" 2>\/dev\/null\) \|\| exit 1; kill -KILL .* end \/fake\/central\/ovnsb_db\.pid$/s),
    ]);
  });

  it('kill the active northd: the member whose northd says active', async () => {
    const lab = fakeLab('central-ha', 'kind: step, kill: { daemon: ovn-northd, active: true }')
      .on('central', 'ovn-appctl -t ovn-northd status', fixture('step-northd-status-standby'))
      .on('central2', 'ovn-appctl -t ovn-northd status', fixture('step-northd-status-active'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ovn-northd on central2 killed (SIGKILL)' });
    expect(lab.ran.at(-1)).toMatch(/^central2: sh -c .* end \/fake\/central2\/ovn-northd\.pid$/s);
  });

  it('no active northd anywhere fails', async () => {
    const lab = fakeLab('central-ha', 'kind: step, kill: { daemon: ovn-northd, active: true }');
    for (const c of ['central', 'central2', 'central3']) lab.on(c, 'ovn-appctl', fixture('step-northd-status-standby'));
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'no node runs an active ovn-northd now' });
  });

  it('restart: starts the daemon only where it is not running', async () => {
    const lab = fakeLab('security-groups', 'kind: step, restart: { daemon: ovn-controller }').on('hv1', 'sh -c for f in', fixture('step-controller-state-running')).on('hv2', 'sh -c for f in', fixture('step-controller-state-gone'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ovn-controller started again on hv2' });
    expect(lab.ran.filter((l) => /^hv\d: ovn-controller /.test(l))).toEqual([expect.stringMatching(/^hv2: ovn-controller unix:\/fake\/hv2\/db\.sock --pidfile=\/fake\/hv2\/ovn-controller\.pid /)]);
  });

  it('kill ovs-vswitchd: SIGKILL by its pid file on the chassis, and later checks know when the fault began', async () => {
    const lab = fakeLab('l3-ha', 'kind: step, kill: { daemon: ovs-vswitchd, node: hv1 }');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ovs-vswitchd on hv1 killed (SIGKILL)' });
    expect(lab.ran).toEqual([expect.stringMatching(/^hv1: sh -c p=.* kill -KILL .* end \/fake\/hv1\/ovs-vswitchd\.pid$/s)]);
    expect(lab.ctx.lastFault).toEqual({ step: 'probe', at: expect.any(Number) });
  });

  it('restart ovs-vswitchd: on the datapath its database keeps, then its tunnel neighbours set again', async () => {
    // What `get Open_vSwitch . external_ids other_config` prints before OVN 26.03.
    const lab = fakeLab('l3-ha', 'kind: step, restart: { daemon: ovs-vswitchd, node: hv1 }')
      .on('hv1', 'sh -c for f in', fixture('step-controller-state-gone'))
      .on('hv1', 'ovs-vsctl --timeout=10 get', '{hostname=hv1, ovn-bridge-datapath-type=netdev, system-id=hv1}\n{vlan-limit="0"}\n');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ovs-vswitchd started again on hv1' });
    const started = lab.ran.at(-1) ?? '';
    expect(started).toMatch(/^hv1: .*ovs-vswitchd unix:\/fake\/hv1\/db\.sock --disable-system --pidfile=\/fake\/hv1\/ovs-vswitchd\.pid /);
    expect(started).toContain('ovs-appctl tnl/neigh/set br-phy 192.168.164.3 ');
    expect(started).toContain('ovs-appctl tnl/neigh/set br-phy 192.168.164.4 ');
  });

  it('restart ovs-vswitchd on OVN 26.03: says it starts in the flow-restore-wait ovn-controller set, on the datapath the database keeps', async () => {
    const db26 = '{hostname=hv1, ovn-bridge-datapath-type=system, ovn-managed-flow-restore-wait="true", system-id=hv1}\n{flow-restore-wait="true", vlan-limit="0"}\n';
    const lab = fakeLab('l3-ha', 'kind: step, restart: { daemon: ovs-vswitchd, node: hv1 }').on('hv1', 'sh -c for f in', fixture('step-controller-state-gone')).on('hv1', 'ovs-vsctl --timeout=10 get', db26);
    expect(await lab.attempt()).toEqual({
      ok: true,
      seen: 'ovs-vswitchd started again on hv1 (in flow-restore-wait, which ovn-controller set: it forwards once ovn-controller has put its flows back and cleared it)',
    });
    expect(lab.ran.at(-1)).not.toContain('--disable-system'); // the kernel datapath, as the database says
  });

  it('fail_chassis: every daemon of the chassis SIGKILLed in one command', async () => {
    const lab = fakeLab('l3-ha', 'kind: step, fail_chassis: hv2').on('hv2', 'sh -c for f in', '101 S\n102 S\n103 S\n');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'hv2 failed: ovsdb-server, ovs-vswitchd, ovn-controller killed (SIGKILL)' });
    expect(lab.ran[1]).toMatch(/^hv2: sh -c kill -KILL "\$@";.* fail 101 102 103$/s);
  });

  it('fail_chassis: a chassis already down fails the step, saying so', async () => {
    const lab = fakeLab('l3-ha', 'kind: step, fail_chassis: hv2').on('hv2', 'sh -c for f in', '101 gone\n-\n103 Z\n');
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'no daemon ran on hv2' });
    expect(lab.ctx.lastFault).toBeUndefined();
  });

  it('recover_chassis: ovsdb-server on the kept database, ovs-vswitchd, then ovn-controller', async () => {
    const lab = fakeLab('l3-ha', 'kind: step, recover_chassis: hv2').on('hv2', 'ovs-vsctl --timeout=10 get', '{hostname=hv1, ovn-bridge-datapath-type=netdev, system-id=hv1}\n{vlan-limit="0"}\n');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'hv2 booted: ovsdb-server, ovs-vswitchd and ovn-controller started again' });
    expect(lab.ran.map((l) => /(ovsdb-server|ovs-vswitchd|ovn-controller) unix|ovsdb-server \/fake|ovs-vsctl --timeout=10 get/.exec(l)?.[0])).toEqual([
      'ovsdb-server /fake',
      'ovs-vsctl --timeout=10 get',
      'ovs-vswitchd unix',
      'ovn-controller unix',
    ]);
  });

  it('restart: running everywhere, nothing started', async () => {
    const lab = fakeLab('security-groups', 'kind: step, restart: { daemon: ovn-controller }');
    for (const hv of ['hv1', 'hv2']) lab.on(hv, 'sh -c for f in', fixture('step-controller-state-running'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ovn-controller was running everywhere' });
    expect(lab.ran).toHaveLength(2);
  });

  it("stop_server and start_server: the node's server by its pid file, then listening again", async () => {
    const stop = fakeLab('security-groups', 'kind: step, stop_server: { node: web1, port: 9091 }');
    expect(await stop.attempt()).toEqual({ ok: true, seen: 'web1 tcp/9091 stopped' });
    expect(stop.ran).toEqual([expect.stringMatching(/^web1: sh -c p=.* kill -TERM .* end \/fake\/web1\/server-tcp-9091\.pid$/s)]);
    const start = fakeLab('security-groups', 'kind: step, start_server: { node: web1, port: 9091 }');
    expect(await start.attempt()).toEqual({ ok: true, seen: 'web1 tcp/9091 listening again' });
    expect(start.ran[1]).toMatch(/^web1: sh -c for i in \$\(seq 1 50\); do ss -Hlnt .* listening 9091$/s);
  });
});

describe('step: a command', () => {
  it('runs in the node given, and passes on exit 0', async () => {
    const lab = fakeLab('vpc', "kind: step, node: hv1, command: 'true'");
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'exit 0' });
    expect(lab.ran).toEqual(['hv1: sh -c true']);
  });

  it('fails on another exit code; central by default', async () => {
    const lab = fakeLab('vpc', "kind: step, command: 'ovs-vsctl br-exists br-ex'").on('central', 'sh -c', { exit: 2 });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'exit 2' });
    expect(lab.ran).toEqual(['central: sh -c ovs-vsctl br-exists br-ex']);
  });
});

describe('step: set an NB column or option', () => {
  it('NB_Global options: one set of the one row, then waits until every chassis applied it', async () => {
    const lab = fakeLab('steps', 'kind: step, set: { table: NB_Global, column: options, key: default_acl_drop, value: true }');
    expect(await lab.attempt()).toEqual({ ok: true, seen: `set done: set NB_Global . 'options:default_acl_drop="true"'` });
    expect(lab.ran).toEqual(['central: ovn-nbctl --timeout=30 -- set NB_Global . options:default_acl_drop="true"', sync]);
  });

  it('remove takes the key out of the map; a plain column is set as it is named', async () => {
    const removed = fakeLab('steps', 'kind: step, set: { table: NB_Global, column: options, key: default_acl_drop, remove: true }');
    expect(await removed.attempt()).toMatchObject({ ok: true });
    expect(removed.ran[0]).toBe('central: ovn-nbctl --timeout=30 -- remove NB_Global . options default_acl_drop');
    const mac = fakeLab('dns', "kind: step, set: { table: Logical_Router_Port, record: r1-lan, column: mac, value: '0a:00:00:00:01:01' }");
    expect(await mac.attempt()).toMatchObject({ ok: true });
    expect(mac.ran[0]).toBe('central: ovn-nbctl --timeout=30 -- set Logical_Router_Port r1-lan mac="0a:00:00:00:01:01"');
    const off = fakeLab('steps', 'kind: step, set: { table: Logical_Switch_Port, record: lan-vm2, column: enabled, value: false }');
    expect(await off.attempt()).toMatchObject({ ok: true });
    expect(off.ran[0]).toBe('central: ovn-nbctl --timeout=30 -- set Logical_Switch_Port lan-vm2 enabled=false');
  });
});

describe('step: flush_conntrack', () => {
  it("flushes the chassis' datapath conntrack, or one zone of it", async () => {
    const all = fakeLab('steps', 'kind: step, flush_conntrack: { chassis: hv2 }');
    expect(await all.attempt()).toEqual({ ok: true, seen: 'conntrack of hv2 flushed' });
    expect(all.ran).toEqual(['hv2: ovs-appctl dpctl/flush-conntrack']);
    const zone = fakeLab('steps', 'kind: step, flush_conntrack: { chassis: hv1, zone: 5 }');
    expect(await zone.attempt()).toEqual({ ok: true, seen: 'conntrack of hv1 zone 5 flushed' });
    expect(zone.ran).toEqual(['hv1: ovs-appctl dpctl/flush-conntrack zone=5']);
  });

  it('says why ovs-appctl failed (its last line: before it, its log)', async () => {
    const lab = fakeLab('steps', 'kind: step, flush_conntrack: { chassis: hv2 }').on('hv2', 'ovs-appctl dpctl/flush-conntrack', { exit: 1, stderr: fixture('flush-conntrack-no-vswitchd.stderr') });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'ovs-appctl dpctl/flush-conntrack failed on hv2: ovs-appctl: cannot read pidfile "/run/lab/central/ovs-vswitchd.pid" (No such file or directory)' });
  });
});
