import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A daemons check of labs/security-groups.yaml: each node says the state of its daemons' pids. */
function daemons(check: string, hv2: string) {
  return fakeLab('security-groups', `kind: daemons${check}`).on('central', 'sh -c', fixture('daemons-central')).on('hv1', 'sh -c', fixture('daemons-hv1')).on('hv2', 'sh -c', fixture(hv2));
}

describe('daemons', () => {
  it('every daemon of central and the chassis runs, by their pid files', async () => {
    const lab = daemons('', 'daemons-hv2');
    expect(await lab.attempt()).toEqual({ ok: true, seen: '9 daemons running on 3 nodes' });
    expect(lab.ran.map((l) => l.replace(/ -c [\s\S]* daemons /, ' … '))).toEqual([
      'central: sh … /fake/central/ovnnb_db.pid /fake/central/ovnsb_db.pid /fake/central/ovn-northd.pid',
      'hv1: sh … /fake/hv1/ovsdb-server.pid /fake/hv1/ovs-vswitchd.pid /fake/hv1/ovn-controller.pid',
      'hv2: sh … /fake/hv2/ovsdb-server.pid /fake/hv2/ovs-vswitchd.pid /fake/hv2/ovn-controller.pid',
    ]);
  });

  it('a killed ovn-controller fails, by name and pid', async () => {
    expect(await daemons('', 'daemons-hv2-controller-dead').attempt()).toEqual({ ok: false, seen: 'hv2: ovn-controller dead (pid 22134)' });
  });

  it('nodes: only those are asked', async () => {
    const lab = daemons(', nodes: [hv1]', 'daemons-hv2-controller-dead');
    expect(await lab.attempt()).toEqual({ ok: true, seen: '3 daemons running on 1 node' });
    expect(lab.ran).toEqual([expect.stringMatching(/^hv1: sh -c /)]);
  });
});
