import { describe, expect, it } from 'vitest';
import { annotatedFlows } from '../../src/core/flows.js';
import { fakeLab, fixture, type Reply } from './probes/fake-lab.js';

/** labs/load-balancer.yaml as `lab flows hv1` reads it: central's logical flows and datapaths, hv1's OpenFlow flows. */
function loadBalancerLab(datapaths: string | Reply = fixture('flows-datapath-keys-load-balancer')) {
  return fakeLab('load-balancer', 'kind: daemons')
    .on('central', 'ovn-sbctl --timeout=10 --uuid lflow-list', fixture('flows-lflow-list-load-balancer'))
    .on('central', 'ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=_uuid,tunnel_key list Datapath_Binding', datapaths)
    .on('hv1', 'ovs-ofctl dump-flows br-int', fixture('flows-dump-flows-hv1-load-balancer'));
}

/** Each flow of a stage as `lab flows` heads it: its OpenFlow metadata and the datapath it is labelled with. */
async function labels(lab: ReturnType<typeof loadBalancerLab>, stage: string): Promise<string[]> {
  return (await annotatedFlows(lab.ctx, 'hv1', stage)).map((f) => `${/metadata=(0x\d+)/.exec(f.match)?.[1]} ${f.lflow?.datapath} ${f.lflow?.pipeline} ${f.lflow?.table}`);
}

describe('lab flows', () => {
  it("labels a logical flow shared by both switches with each OpenFlow flow's own switch, by its metadata (lan is 0x2, outside 0x1)", async () => {
    // ls_in_lb's flows are in one datapath group: lflow-list lists each under lan and under outside, with one cookie.
    expect(await labels(loadBalancerLab(), 'ls_in_lb')).toEqual(['0x1 outside ingress 12', '0x2 lan ingress 12', '0x1 outside ingress 12', '0x2 lan ingress 12', '0x1 outside ingress 12', '0x2 lan ingress 12']);
  });

  it('prints flows of one priority in the same order however OVS dumps them: by logical match, then OpenFlow match', async () => {
    const dumped = fixture('flows-dump-flows-hv1-load-balancer');
    const reversed = fakeLab('load-balancer', 'kind: daemons')
      .on('central', 'ovn-sbctl --timeout=10 --uuid lflow-list', fixture('flows-lflow-list-load-balancer'))
      .on('central', 'ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=_uuid,tunnel_key list Datapath_Binding', fixture('flows-datapath-keys-load-balancer'))
      .on('hv1', 'ovs-ofctl dump-flows br-int', dumped.split('\n').reverse().join('\n'));
    const listed = async (lab: ReturnType<typeof loadBalancerLab>) => (await annotatedFlows(lab.ctx, 'hv1')).map((f) => f.text);
    const inOrder = await listed(loadBalancerLab());
    expect(await listed(reversed)).toEqual(inOrder);
    const lb = (await annotatedFlows(loadBalancerLab().ctx, 'hv1', 'ls_in_lb')).filter((f) => f.priority === 120);
    const matches = lb.map((f) => `${f.lflow?.match} | ${f.match}`);
    expect(matches.length).toBe(4);
    expect(matches).toEqual([...matches].sort());
  });

  it('names every switch sharing a flow when the datapaths cannot be read, and a flow of one datapath keeps its own', async () => {
    const lab = loadBalancerLab({ exit: 1 });
    const datapaths = async (stage: string) => new Set((await annotatedFlows(lab.ctx, 'hv1', stage)).map((f) => f.lflow?.datapath));
    expect(await datapaths('ls_in_lb')).toEqual(new Set(['lan, outside']));
    expect(await datapaths('lr_in_admission')).toEqual(new Set(['r1']));
  });
});
