import { describe, expect, it } from 'vitest';
import { fakeLab, fixture, type FakeLab, type Reply } from '../../../test/unit/probes/fake-lab.js';

/** Each member of labs/central-ha.yaml answers cluster/status of `db` as given. */
function members(lab: FakeLab, db: 'nb' | 'sb', replies: Record<'central' | 'central2' | 'central3', string | Reply>): FakeLab {
  for (const [member, reply] of Object.entries(replies)) lab.on(member, `ovs-appctl -t /fake/${member}/ovn${db}_db.ctl cluster/status`, reply);
  return lab;
}

const formed = (db: 'nb' | 'sb') => ({ central: fixture(`cluster-central-${db}-leader`), central2: fixture(`cluster-central2-${db}-follower`), central3: fixture(`cluster-central3-${db}-follower`) });
const leaderKilled = { central: { exit: 1, stderr: fixture('cluster-central-sb-killed.stderr') }, central2: fixture('cluster-central2-sb-new-leader'), central3: fixture('cluster-central3-sb-follower-of-two') };

describe('cluster', () => {
  it('both databases: every member up, one leader, all connected', async () => {
    const lab = members(members(fakeLab('central-ha', 'kind: cluster'), 'nb', formed('nb')), 'sb', formed('sb'));
    const members3 = 'central leader (term 1), 2 peers; central2 follower, 2 peers; central3 follower, 2 peers';
    expect(await lab.attempt()).toEqual({ ok: true, seen: `NB: ${members3} | SB: ${members3}` });
    expect(lab.ran).toEqual([
      'central: ovs-appctl -t /fake/central/ovnnb_db.ctl cluster/status OVN_Northbound',
      'central2: ovs-appctl -t /fake/central2/ovnnb_db.ctl cluster/status OVN_Northbound',
      'central3: ovs-appctl -t /fake/central3/ovnnb_db.ctl cluster/status OVN_Northbound',
      'central: ovs-appctl -t /fake/central/ovnsb_db.ctl cluster/status OVN_Southbound',
      'central2: ovs-appctl -t /fake/central2/ovnsb_db.ctl cluster/status OVN_Southbound',
      'central3: ovs-appctl -t /fake/central3/ovnsb_db.ctl cluster/status OVN_Southbound',
    ]);
  });

  it('the leader killed: the two left elected a new one, which up: 2 expects', async () => {
    const seen = 'SB: central down; central2 leader (term 2), 1 peer; central3 follower, 1 peer';
    expect(await members(fakeLab('central-ha', 'kind: cluster, db: sb, up: 2'), 'sb', leaderKilled).attempt()).toEqual({ ok: true, seen });
    expect(await members(fakeLab('central-ha', 'kind: cluster, db: sb'), 'sb', leaderKilled).attempt()).toEqual({ ok: false, seen });
  });
});
