import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A flow check of labs/vpc.yaml: central's logical flows, hv1's OpenFlow flows. */
function flow(check: string) {
  return fakeLab('vpc', `kind: flow, ${check}`).on('central', 'ovn-sbctl --timeout=10 --uuid lflow-list', fixture('flow-lflow-list-vpc')).on('hv1', 'ovs-ofctl dump-flows br-int', fixture('flow-dump-flows-hv1'));
}

const snat = 'stage: lr_out_snat, datapath: r1, actions: ct_snat(172.16.0.10)';
const snatFlows = '1 of 6 logical flows in lr_out_snat match (first, table 3: reg9[4] = 0; ct_snat(172.16.0.10);)';

describe('flow', () => {
  it('a logical flow in the stage and datapath, with the actions expected', async () => {
    const lab = flow(snat);
    expect(await lab.attempt()).toEqual({ ok: true, seen: snatFlows });
    expect(lab.ran).toEqual(['central: ovn-sbctl --timeout=10 --uuid lflow-list']);
  });

  it('none with those actions: present fails, absent passes', async () => {
    const seen = '0 of 6 logical flows in lr_out_snat match';
    expect(await flow('stage: lr_out_snat, datapath: r1, actions: ct_snat(172.16.0.99)').attempt()).toEqual({ ok: false, seen });
    expect(await flow('stage: lr_out_snat, datapath: r1, actions: ct_snat(172.16.0.99), expect: absent').attempt()).toEqual({ ok: true, seen });
  });

  it('a stage with no flow lists the stages there are', async () => {
    const { ok, seen } = await flow('stage: ls_in_nothing').attempt();
    expect(ok).toBe(false);
    expect(seen).toMatch(/^no logical flow in stage ls_in_nothing; stages are: ls_in_check_port_sec, ls_in_apply_port_sec, ls_in_lookup_fdb, .*…$/);
  });

  it('chassis: the OpenFlow flows made from the matching logical flows, by cookie', async () => {
    const lab = flow(`${snat}, chassis: hv1`);
    expect(await lab.attempt()).toEqual({
      ok: true,
      seen: `${snatFlows}; hv1: 1 OpenFlow flow (first, table 45: load:0->OXM_OF_PKT_REG4[4],ct(commit,table=46,zone=NXM_NX_REG12[0..15],nat(src=172.16.0.10)))`,
    });
    expect(lab.ran).toEqual(['central: ovn-sbctl --timeout=10 --uuid lflow-list', 'hv1: ovs-ofctl dump-flows br-int']);
  });

  it('chassis: none with the OpenFlow actions expected fails', async () => {
    expect(await flow(`${snat}, chassis: hv1, openflow: 'nat(src=172.16.0.99)'`).attempt()).toEqual({ ok: false, seen: `${snatFlows}; hv1: 0 OpenFlow flows` });
  });

  it("chassis with a datapath: of a logical flow several switches share (one cookie), only that switch's OpenFlow flows count", async () => {
    const lb = (check: string) =>
      fakeLab('load-balancer', `kind: flow, ${check}`)
        .on('central', 'ovn-sbctl --timeout=10 --uuid lflow-list', fixture('flows-lflow-list-load-balancer'))
        .on('central', /--columns=_uuid,tunnel_key list Datapath_Binding$/, fixture('flows-datapath-keys-load-balancer'))
        .on('hv1', 'ovs-ofctl dump-flows br-int', fixture('flows-dump-flows-hv1-load-balancer'));
    const lan = await lb('stage: ls_in_lb, datapath: lan, match: "10.72.0.100", chassis: hv1, openflow: "group:"').attempt();
    const outside = await lb('stage: ls_in_lb, datapath: outside, match: "10.72.0.100", chassis: hv1, openflow: "group:"').attempt();
    expect([lan.ok, outside.ok]).toEqual([true, true]);
    expect(lan.seen).toMatch(/; hv1: 1 OpenFlow flow \(first, table \d+: .*group:/);
    expect(outside.seen).toMatch(/; hv1: 1 OpenFlow flow \(first, table \d+: .*group:/);
  });
});

describe('flow: packets grows or stays while traffic runs', () => {
  /** labs/load-balancer.yaml: hv1's br-int before and after one connection from client to the VIP. */
  function counted(check: string, after = 'flow-packets-hv1-after') {
    return fakeLab('load-balancer', `kind: flow, stage: ls_in_lb, datapath: lan, match: "10.72.0.100", chassis: hv1, openflow: "group:", ${check}, while: { from: client, connect: { to: 10.72.0.100, port: 80 } }`)
      .on('central', 'ovn-sbctl --timeout=10 --uuid lflow-list', fixture('flow-packets-lflow-list-load-balancer'))
      .on('central', 'ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=_uuid,tunnel_key list Datapath_Binding', fixture('flow-packets-datapath-keys-load-balancer'))
      .on('hv1', 'ovs-ofctl dump-flows br-int', fixture('flow-packets-hv1-before'), fixture(after));
  }
  const flows = '1 of 3 logical flows in ls_in_lb match (first, table 12: reg0[1] = 0; ct_lb_mark(backends=10.70.0.11:8080,10.70.0.12:8080,10.70.0.13:8080);); hv1: 1 OpenFlow flow (first, table 20: load:0->NXM_NX_XXREG0[97],group:1)';

  it("a new connection is one more packet on lan's balancing flow (metadata 0x1), read after a revalidator round each time", async () => {
    const lab = counted('packets: grows');
    expect(await lab.attempt()).toEqual({ ok: true, seen: `${flows}; their packets went from 30 to 31 while client connects to 10.72.0.100:80` });
    expect(lab.ran.filter((r) => r.startsWith('hv1') || r.startsWith('client'))).toEqual([
      'hv1: ovs-appctl revalidator/wait',
      'hv1: ovs-ofctl dump-flows br-int',
      expect.stringMatching(/^client: \/usr\/bin\/python3 -c /),
      'hv1: ovs-appctl revalidator/wait',
      'hv1: ovs-ofctl dump-flows br-int',
    ]);
  });

  it('stays fails when it grew, and passes when the counter did not move', async () => {
    expect(await counted('packets: stays').attempt()).toMatchObject({ ok: false });
    expect(await counted('packets: stays', 'flow-packets-hv1-before').attempt()).toEqual({ ok: true, seen: `${flows}; their packets went from 30 to 30 while client connects to 10.72.0.100:80` });
    expect(await counted('packets: grows', 'flow-packets-hv1-before').attempt()).toMatchObject({ ok: false });
  });
});
