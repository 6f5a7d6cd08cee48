import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from '../../../test/unit/probes/fake-lab.js';

/** An acl_log check of labs/security-groups.yaml reading hv2's ovn-controller log. */
function aclLog(check: string) {
  return fakeLab('security-groups', `kind: acl_log, chassis: hv2, acl: web-8080, ${check}`).on('hv2', 'cat /fake/hv2/ovn-controller.log', fixture('acl-log-hv2-controller-log'));
}

const packet = 'verdict=reject tcp,vlan_tci=0x0000,dl_src=02:00:0a:3c:00:15,dl_dst=02:00:0a:3c:00:0c,nw_src=10.60.0.21,nw_dst=10.60.0.12,nw_tos=0,nw_ecn=0,nw_ttl=64,nw_fr…';

describe('acl_log', () => {
  it("a line of the ACL's log with the verdict and packet expected", async () => {
    const lab = aclLog("verdict: reject, packet: 'nw_dst=10.60.0.12,'");
    expect(await lab.attempt()).toEqual({ ok: true, seen: `1 of 1 line of 'web-8080' match (first: ${packet})` });
    expect(lab.ran).toEqual(['hv2: cat /fake/hv2/ovn-controller.log']);
  });

  it('lines with another verdict: present fails, showing the first line', async () => {
    expect(await aclLog('verdict: allow').attempt()).toEqual({ ok: false, seen: `1 line of 'web-8080', none matching (first: ${packet})` });
  });

  it('expect absent: passes while no line has the packet', async () => {
    expect(await aclLog("packet: 'nw_dst=10.60.0.99,', expect: absent").attempt()).toEqual({ ok: true, seen: `1 line of 'web-8080', none matching (first: ${packet})` });
    expect(await aclLog("packet: 'nw_dst=10.60.0.12,', expect: absent").attempt()).toMatchObject({ ok: false });
  });
});
