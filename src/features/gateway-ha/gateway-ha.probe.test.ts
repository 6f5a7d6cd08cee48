import { describe, expect, it } from 'vitest';
import { fakeLab } from '../../../test/unit/probes/fake-lab.js';
import { parseResidence } from '../../ovn/gateway-ha.js';
import { residenceLine } from './gateway.probe.js';

/*
 * Captured from a running lab of labs/l3-ha.yaml's shape (netns runtime, OVN 23.03.1, OVS 3.1.0; the SB as ovn-sbctl --format=json prints it):
 * the SB while r1-public's gateway was on hv1, then after hv1's ovs-vswitchd was killed (on hv2);
 * hv3's tunnels with BFD up, then with the session to hv1 down (the underlay's addresses
 * changed to l3-ha's own subnet, 192.168.164.0/24).
 */
const SB_ON_HV1 =
  '{"data":[[["uuid","e814c4dc-a61c-4b78-beff-961102153d09"],"hv2"],[["uuid","f4898688-ad60-4961-866e-fd19f24afcd9"],"hv3"],[["uuid","91f3177d-1a85-41e7-b208-9600a191fa73"],"hv1"]],"headings":["_uuid","name"]}\n{"data":[[["uuid","481f2a40-1ef0-4096-b5b9-780dac201442"],["uuid","91f3177d-1a85-41e7-b208-9600a191fa73"],20],[["uuid","27d8b0e1-37d0-4006-8b7d-f966fa494ca4"],["uuid","e814c4dc-a61c-4b78-beff-961102153d09"],10]],"headings":["_uuid","chassis","priority"]}\n{"data":[["cr-r1-public",["uuid","91f3177d-1a85-41e7-b208-9600a191fa73"],["uuid","852eef53-7047-4925-8b8f-e0d3dea54a73"]]],"headings":["logical_port","chassis","ha_chassis_group"]}\n{"data":[[["uuid","852eef53-7047-4925-8b8f-e0d3dea54a73"],["set",[["uuid","27d8b0e1-37d0-4006-8b7d-f966fa494ca4"],["uuid","481f2a40-1ef0-4096-b5b9-780dac201442"]]]]],"headings":["_uuid","ha_chassis"]}\n';
const SB_ON_HV2 =
  '{"data":[[["uuid","e814c4dc-a61c-4b78-beff-961102153d09"],"hv2"],[["uuid","f4898688-ad60-4961-866e-fd19f24afcd9"],"hv3"],[["uuid","91f3177d-1a85-41e7-b208-9600a191fa73"],"hv1"]],"headings":["_uuid","name"]}\n{"data":[[["uuid","481f2a40-1ef0-4096-b5b9-780dac201442"],["uuid","91f3177d-1a85-41e7-b208-9600a191fa73"],20],[["uuid","27d8b0e1-37d0-4006-8b7d-f966fa494ca4"],["uuid","e814c4dc-a61c-4b78-beff-961102153d09"],10]],"headings":["_uuid","chassis","priority"]}\n{"data":[["cr-r1-public",["uuid","e814c4dc-a61c-4b78-beff-961102153d09"],["uuid","852eef53-7047-4925-8b8f-e0d3dea54a73"]]],"headings":["logical_port","chassis","ha_chassis_group"]}\n{"data":[[["uuid","852eef53-7047-4925-8b8f-e0d3dea54a73"],["set",[["uuid","27d8b0e1-37d0-4006-8b7d-f966fa494ca4"],["uuid","481f2a40-1ef0-4096-b5b9-780dac201442"]]]]],"headings":["_uuid","ha_chassis"]}\n';
const SB_NO_PORT =
  '{"data":[[["uuid","e814c4dc-a61c-4b78-beff-961102153d09"],"hv2"],[["uuid","f4898688-ad60-4961-866e-fd19f24afcd9"],"hv3"],[["uuid","91f3177d-1a85-41e7-b208-9600a191fa73"],"hv1"]],"headings":["_uuid","name"]}\n{"data":[[["uuid","481f2a40-1ef0-4096-b5b9-780dac201442"],["uuid","91f3177d-1a85-41e7-b208-9600a191fa73"],20],[["uuid","27d8b0e1-37d0-4006-8b7d-f966fa494ca4"],["uuid","e814c4dc-a61c-4b78-beff-961102153d09"],10]],"headings":["_uuid","chassis","priority"]}\n{"data":[],"headings":["logical_port","chassis","ha_chassis_group"]}\n{"data":[[["uuid","852eef53-7047-4925-8b8f-e0d3dea54a73"],["set",[["uuid","27d8b0e1-37d0-4006-8b7d-f966fa494ca4"],["uuid","481f2a40-1ef0-4096-b5b9-780dac201442"]]]]],"headings":["_uuid","ha_chassis"]}\n';
const BFD_UP =
  '{"data":[["br-int",["map",[]],["map",[]],["map",[]]],["eth0",["map",[]],["map",[]],["map",[]]],["ovn-hv2-0",["map",[["csum","true"],["key","flow"],["remote_ip","192.168.164.3"]]],["map",[["check_tnl_key","true"],["enable","true"]]],["map",[["diagnostic","No Diagnostic"],["flap_count","1"],["forwarding","true"],["remote_diagnostic","No Diagnostic"],["remote_state","up"],["state","up"]]]],["ovn-hv1-0",["map",[["csum","true"],["key","flow"],["remote_ip","192.168.164.2"]]],["map",[["check_tnl_key","true"],["enable","true"]]],["map",[["diagnostic","Control Detection Time Expired"],["flap_count","3"],["forwarding","true"],["remote_diagnostic","No Diagnostic"],["remote_state","up"],["state","up"]]]],["vm1",["map",[]],["map",[]],["map",[]]],["br-phy",["map",[]],["map",[]],["map",[]]]],"headings":["name","options","bfd","bfd_status"]}';
const BFD_HV1_DOWN =
  '{"data":[["br-int",["map",[]],["map",[]],["map",[]]],["eth0",["map",[]],["map",[]],["map",[]]],["ovn-hv2-0",["map",[["csum","true"],["key","flow"],["remote_ip","192.168.164.3"]]],["map",[["check_tnl_key","true"],["enable","true"]]],["map",[["diagnostic","No Diagnostic"],["flap_count","1"],["forwarding","true"],["remote_diagnostic","No Diagnostic"],["remote_state","up"],["state","up"]]]],["ovn-hv1-0",["map",[["csum","true"],["key","flow"],["remote_ip","192.168.164.2"]]],["map",[["check_tnl_key","true"],["enable","true"]]],["map",[["diagnostic","Control Detection Time Expired"],["flap_count","4"],["forwarding","false"],["remote_diagnostic","No Diagnostic"],["remote_state","down"],["state","down"]]]],["vm1",["map",[]],["map",[]],["map",[]]],["br-phy",["map",[]],["map",[]],["map",[]]]],"headings":["name","options","bfd","bfd_status"]}';

describe('gateway', () => {
  it('reads where the cr- port is bound and the HA chassis northd made, highest priority first', async () => {
    const lab = fakeLab('l3-ha', 'kind: gateway, port: r1-public, chassis: hv1, ha_chassis: [hv1, hv2]').on('central', 'ovn-sbctl', SB_ON_HV1);
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'cr-r1-public on hv1, HA chassis hv1 (20) > hv2 (10)' });
    expect(lab.ran).toEqual([expect.stringContaining('central: ovn-sbctl --timeout=10 --format=json --columns=_uuid,name list Chassis -- ')]);
    expect(lab.ran[0]).toContain('find Port_Binding logical_port=cr-r1-public');
  });

  it('waits for the port to move, then says from where and how long it took', async () => {
    const lab = fakeLab('l3-ha', 'kind: gateway, port: r1-public, chassis: hv2').on('central', 'ovn-sbctl', SB_ON_HV1, SB_ON_HV2);
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'cr-r1-public on hv1, HA chassis hv1 (20) > hv2 (10)' });
    const moved = await lab.attempt();
    expect(moved.ok).toBe(true);
    expect(moved.seen).toMatch(/^cr-r1-public on hv2, HA chassis hv1 \(20\) > hv2 \(10\); moved from hv1 in \d+\.\d s$/);
  });

  it('after a fault step, says how long after it the port was seen where it is', async () => {
    const lab = fakeLab('l3-ha', 'kind: gateway, port: r1-public, chassis: hv2').on('central', 'ovn-sbctl', SB_ON_HV2);
    lab.ctx.lastFault = { step: 'hv1 fails', at: performance.now() - 2500 };
    expect((await lab.attempt()).seen).toMatch(/^cr-r1-public on hv2, HA chassis hv1 \(20\) > hv2 \(10\); 2\.\d s after step "hv1 fails"$/);
  });

  it('fails on HA chassis in another order, saying what the SB has', async () => {
    const lab = fakeLab('l3-ha', 'kind: gateway, port: r1-public, chassis: hv1, ha_chassis: [hv2, hv1]').on('central', 'ovn-sbctl', SB_ON_HV1);
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'cr-r1-public on hv1, HA chassis hv1 (20) > hv2 (10)' });
  });

  it('says so when the SB has no such port', async () => {
    const lab = fakeLab('l3-ha', 'kind: gateway, port: r1-public, chassis: hv1').on('central', 'ovn-sbctl', SB_NO_PORT);
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'no Port_Binding for cr-r1-public in the SB (is r1-public a gateway port?)' });
  });

  it('reads an unbound port, and an HA group of one chassis (a set of one is its member)', () => {
    const unbound = SB_ON_HV1.replace(/\["cr-r1-public",\["uuid","[^"]+"\]/, '["cr-r1-public",["set",[]]');
    const one = unbound.replace(/\["set",\[\["uuid","27d8b0e1[^"]*"\],(\["uuid","[^"]+"\])\]\]/, '$1');
    expect(parseResidence(one)).toEqual({ ha: [{ chassis: 'hv1', priority: 20 }] });
  });

  it('formats the times to a tenth of a second, an unbound port as no chassis', () => {
    const seen = { ha: [{ chassis: 'hv1', priority: 20 }] };
    expect(residenceLine('cr-r1-public', seen, { first: { at: 1000, chassis: 'hv1' }, fault: { step: 'hv1 boots', at: 0 }, now: 2260 })).toBe(
      'cr-r1-public on no chassis, HA chassis hv1 (20); moved from hv1 in 1.3 s; 2.3 s after step "hv1 boots"',
    );
    expect(residenceLine('cr-x', { chassis: 'hv1', ha: [] }, { first: { at: 0, chassis: 'hv1' }, now: 50 })).toBe('cr-x on hv1, no HA chassis');
  });
});

describe('bfd', () => {
  it("reads the session on the tunnel whose remote_ip is the peer's", async () => {
    const lab = fakeLab('l3-ha', 'kind: bfd, chassis: hv3, peer: hv1').on('hv3', 'ovs-vsctl', BFD_UP);
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'ovn-hv1-0 (hv3 → hv1): state up, remote up, forwarding true, diagnostic "Control Detection Time Expired", flaps 3' });
    expect(lab.ran).toEqual(['hv3: ovs-vsctl --timeout=10 --format=json --columns=name,options,bfd,bfd_status list Interface']);
  });

  it('state down waits for the session to go down; up fails meanwhile, saying what OVS reports', async () => {
    expect(await fakeLab('l3-ha', 'kind: bfd, chassis: hv3, peer: hv1, state: down').on('hv3', 'ovs-vsctl', BFD_HV1_DOWN).attempt()).toEqual({
      ok: true,
      seen: 'ovn-hv1-0 (hv3 → hv1): state down, remote down, forwarding false, diagnostic "Control Detection Time Expired", flaps 4',
    });
    expect(await fakeLab('l3-ha', 'kind: bfd, chassis: hv3, peer: hv1').on('hv3', 'ovs-vsctl', BFD_HV1_DOWN).attempt()).toMatchObject({ ok: false });
    const up = await fakeLab('l3-ha', 'kind: bfd, chassis: hv3, peer: hv2, state: down').on('hv3', 'ovs-vsctl', BFD_HV1_DOWN).attempt();
    expect(up.ok).toBe(false);
    expect(up.seen).toContain('state up');
  });

  it('a tunnel without BFD, or no tunnel, fails either way', async () => {
    const off = BFD_UP.replace('["map",[["check_tnl_key","true"],["enable","true"]]],["map",[["diagnostic","Control', '["map",[]],["map",[["diagnostic","Control');
    expect(await fakeLab('l3-ha', 'kind: bfd, chassis: hv3, peer: hv1, state: down').on('hv3', 'ovs-vsctl', off).attempt()).toEqual({ ok: false, seen: 'ovn-hv1-0 (hv3 → hv1): BFD off' });
    const lab = fakeLab('l3-ha', 'kind: bfd, chassis: hv3, peer: hv1').on('hv3', 'ovs-vsctl', BFD_UP.replace('"192.168.164.2"', '"192.168.164.9"'));
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'no tunnel from hv3 to hv1 (192.168.164.2)' });
  });
});
