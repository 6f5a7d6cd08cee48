import { describe, expect, it } from 'vitest';
import { fakeLab } from '../../../test/unit/probes/fake-lab.js';

/**
 * The SB as `ovn-sbctl --format=csv --data=bare` printed it in labs/multicast.yaml (netns runtime,
 * OVN 23.03.1): right after up (vm2 on hv1 and vm3 on hv2 joined 239.1.1.1), and after its checks
 * ran (vm4 joined, vm2 left). Each chassis has a row of its own, and an `mrouters` row.
 */
const DATAPATH = 'ac1cba74-3b52-4d22-a5e9-6a5c984757b1\n';
const CHASSIS = '3334ad1c-f534-4682-b523-5f952175fb2e,hv2\n00096b26-5117-447c-a79f-7e4e27c2506a,hv1\n';
const PORTS = '538007ed-636b-4c49-847c-64af78d7c10a,lan-vm2\n3f04ef15-c190-4af6-8e88-0c1407bb682a,lan-vm4\n327a7432-e107-4af5-be2e-fdd50ffa4928,lan-vm3\ndbfe87ae-4364-489d-8d0c-9e5122a3c5d7,lan-vm1\n';
const MROUTERS = 'mrouters,ac1cba74-3b52-4d22-a5e9-6a5c984757b1,00096b26-5117-447c-a79f-7e4e27c2506a,\nmrouters,ac1cba74-3b52-4d22-a5e9-6a5c984757b1,3334ad1c-f534-4682-b523-5f952175fb2e,\n';
const AT_UP = `${MROUTERS}239.1.1.1,ac1cba74-3b52-4d22-a5e9-6a5c984757b1,00096b26-5117-447c-a79f-7e4e27c2506a,538007ed-636b-4c49-847c-64af78d7c10a
239.1.1.1,ac1cba74-3b52-4d22-a5e9-6a5c984757b1,3334ad1c-f534-4682-b523-5f952175fb2e,327a7432-e107-4af5-be2e-fdd50ffa4928
`;
const AFTER = `${MROUTERS}239.1.1.1,ac1cba74-3b52-4d22-a5e9-6a5c984757b1,3334ad1c-f534-4682-b523-5f952175fb2e,327a7432-e107-4af5-be2e-fdd50ffa4928 3f04ef15-c190-4af6-8e88-0c1407bb682a\n`;

function igmpGroup(check: string, groups: string) {
  return fakeLab('multicast', `kind: igmp_group, ${check}`)
    .on('central', /list IGMP_Group$/, groups)
    .on('central', /find Datapath_Binding external_ids:name=lan$/, DATAPATH)
    .on('central', /list Chassis$/, CHASSIS)
    .on('central', /list Port_Binding$/, PORTS);
}

describe('igmp_group', () => {
  it("passes when each member's port is in its own chassis' row, mrouters rows aside", async () => {
    const lab = igmpGroup('group: 239.1.1.1, members: [vm2, vm3]', AT_UP);
    expect(await lab.attempt()).toEqual({ ok: true, seen: '239.1.1.1 on lan: hv1 [lan-vm2], hv2 [lan-vm3]' });
    expect(lab.ran).toContain('central: ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=address,datapath,chassis,ports list IGMP_Group');
  });

  it('fails on a port missing from the rows, saying what they hold', async () => {
    expect(await igmpGroup('group: 239.1.1.1, members: [vm2, vm3, vm4]', AT_UP).attempt()).toEqual({ ok: false, seen: '239.1.1.1 on lan: hv1 [lan-vm2], hv2 [lan-vm3]' });
    expect(await igmpGroup('group: 239.1.1.1, members: [vm3, vm4]', AFTER).attempt()).toEqual({ ok: true, seen: '239.1.1.1 on lan: hv2 [lan-vm3 lan-vm4]' });
  });

  it('members [] passes only once the group has no row left', async () => {
    expect(await igmpGroup('group: 239.1.1.1, members: []', AFTER).attempt()).toEqual({ ok: false, seen: '239.1.1.1 on lan: hv2 [lan-vm3 lan-vm4]' });
    expect(await igmpGroup('group: 239.2.2.2, members: []', AFTER).attempt()).toEqual({ ok: true, seen: '239.2.2.2 on lan: no IGMP_Group row' });
  });

  it('with protocol, asks for the column (OVN 24.09 and later) and compares it', async () => {
    // As OVN 26.03 (docker sid) printed the rows: the protocol column last.
    const rows = AT_UP.replace(/^mrouters(.*)$/gm, 'mrouters$1,').replace(/^239(.*)$/gm, '239$1,IGMPv3');
    const lab = igmpGroup('group: 239.1.1.1, members: [vm2, vm3], protocol: IGMPv3', rows);
    expect(await lab.attempt()).toEqual({ ok: true, seen: '239.1.1.1 on lan: hv1 [lan-vm2] IGMPv3, hv2 [lan-vm3] IGMPv3' });
    expect(lab.ran[0]).toMatch(/--columns=address,datapath,chassis,ports,protocol list IGMP_Group$/);
    expect(await igmpGroup('group: 239.1.1.1, members: [vm2, vm3], protocol: IGMPv2', rows).attempt()).toMatchObject({ ok: false });
  });

  it('says when the SB does not answer', async () => {
    const lab = fakeLab('multicast', 'kind: igmp_group, group: 239.1.1.1, members: [vm2]').on('central', 'ovn-sbctl', { exit: 1, stderr: 'ovn-sbctl: unix:/run/…/ovnsb_db.sock: database connection failed' });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'the SB database did not answer' });
  });
});

/** A delivery check whose watchers saw what `logs` says (their log: `ready`, then a `got <source>` line per datagram). */
function delivery(check: string, logs: Record<string, string>, sent: string | { exit: number; stderr: string } = 'sent 3\n') {
  const lab = fakeLab('multicast', `kind: multicast, ${check}`).on('vm1', '/usr/bin/python3 -c', sent);
  for (const [vm, log] of Object.entries(logs)) lab.on(vm, /^sh -c p=/, log);
  return lab;
}

const GOT = 'ready\ngot 10.86.0.11\ngot 10.86.0.11\ngot 10.86.0.11\n';

describe('multicast', () => {
  it('passes when exactly the receivers saw the datagrams, naming who got how many', async () => {
    const lab = delivery('from: vm1, group: 239.1.1.1, receivers: [vm2, vm3]', { vm2: GOT, vm3: 'ready\ngot 10.86.0.11\n', vm4: 'ready\n' });
    expect(await lab.attempt()).toEqual({ ok: true, seen: '239.1.1.1:5000 from vm1: received by vm2 (3/3), vm3 (1/3); not by vm4' });
    // Every other VM of the switch is watched before vm1 sends, and its watcher ended after.
    expect(lab.ran.filter((l) => / sh -c nohup /.test(l)).map((l) => l.split(':')[0])).toEqual(['vm2', 'vm3', 'vm4']);
    expect(lab.ran.findIndex((l) => l.startsWith('vm1: /usr/bin/python3'))).toBeGreaterThan(lab.ran.findIndex((l) => l.startsWith('vm4: sh -c nohup')));
    expect(lab.ran.find((l) => l.startsWith('vm1:'))).toMatch(/ eth0 239\.1\.1\.1 5000 lab-multicast-\w+ 3$/);
  });

  it('fails when a VM that did not join receives (flooded), or a member does not', async () => {
    expect(await delivery('from: vm1, group: 239.1.1.1, receivers: [vm2, vm3]', { vm2: GOT, vm3: GOT, vm4: GOT }).attempt()).toEqual({
      ok: false,
      seen: '239.1.1.1:5000 from vm1: received by vm2 (3/3), vm3 (3/3), vm4 (3/3)',
    });
    expect(await delivery('from: vm1, group: 239.1.1.1, receivers: [vm2, vm3]', { vm2: GOT, vm3: 'ready\n', vm4: 'ready\n' }).attempt()).toEqual({
      ok: false,
      seen: '239.1.1.1:5000 from vm1: received by vm2 (3/3); not by vm3, vm4',
    });
  });

  it('receivers [] passes when nobody got anything', async () => {
    expect(await delivery('from: vm1, group: 239.2.2.2, receivers: []', { vm2: 'ready\n', vm3: 'ready\n', vm4: 'ready\n' }).attempt()).toEqual({
      ok: true,
      seen: '239.2.2.2:5000 from vm1: received by none; not by vm2, vm3, vm4',
    });
  });

  it('says when the sender could not send, or a VM could not be watched', async () => {
    const unsent = delivery('from: vm1, group: 239.1.1.1, receivers: [vm2]', {}, { exit: 1, stderr: 'Traceback …\nOSError: [Errno 19] No such device\n' });
    expect(await unsent.attempt()).toEqual({ ok: false, seen: 'vm1 could not send to 239.1.1.1: OSError: [Errno 19] No such device' });
    const unwatched = delivery('from: vm1, group: 239.1.1.1, receivers: [vm2]', {}).on('vm3', /^sh -c nohup/, { exit: 1 });
    expect(await unwatched.attempt()).toEqual({ ok: false, seen: 'no packet socket could watch vm3' });
  });
});

describe('join and leave', () => {
  it('join starts the member process in the VM, or finds it running', async () => {
    const lab = fakeLab('multicast', 'kind: step, join: { vm: vm4, group: 239.1.1.1 }').on('vm4', 'sh -c', 'joined\n');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'vm4 a member of 239.1.1.1: joined' });
    expect(lab.ran[0]).toMatch(/^vm4: sh -c [\s\S]*nohup [\s\S]* join \/usr\/bin\/python3 -c [\s\S]*IP_ADD_MEMBERSHIP[\s\S]* 239\.1\.1\.1 eth0$/);
    expect(await fakeLab('multicast', 'kind: step, join: { vm: vm2, group: 239.1.1.1 }').on('vm2', 'sh -c', 'already a member\n').attempt()).toEqual({ ok: true, seen: 'vm2 a member of 239.1.1.1: already a member' });
  });

  it('a join whose process fails says what it said', async () => {
    const lab = fakeLab('multicast', 'kind: step, join: { vm: vm4, group: 239.1.1.1 }').on('vm4', 'sh -c', { exit: 1, stdout: 'OSError: [Errno 19] No such device\n' });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'vm4 did not join 239.1.1.1: OSError: [Errno 19] No such device' });
  });

  it('leave ends the member process by its pid file; a VM that is no member has nothing to end', async () => {
    const lab = fakeLab('multicast', 'kind: step, leave: { vm: vm2, group: 239.1.1.1 }');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'vm2 no longer a member of 239.1.1.1: left' });
    expect(lab.ran).toEqual([expect.stringMatching(/^vm2: sh -c .* member .*\/mcast-239\.1\.1\.1\.pid$/), expect.stringMatching(/^vm2: sh -c .*kill -TERM.* end .*\/mcast-239\.1\.1\.1\.pid$/), expect.stringMatching(/^vm2: rm -f /)]);
    const none = fakeLab('multicast', 'kind: step, leave: { vm: vm1, group: 239.1.1.1 }').on('vm1', 'sh -c', { exit: 1 });
    expect(await none.attempt()).toEqual({ ok: true, seen: 'vm1 no longer a member of 239.1.1.1: was no member' });
  });
});
