import { describe, expect, it } from 'vitest';
import { fakeLab } from '../../../test/unit/probes/fake-lab.js';

/**
 * The SB as `ovn-sbctl --format=csv --data=bare` printed it in labs/fdb.yaml (netns runtime, OVN
 * 23.03.1) after vm1 pinged vm2: the FDB row keeps the switch and the port by tunnel key (lan is
 * datapath 2 and lan-vm2 its port 3; port keys repeat from one datapath to the next).
 */
const FDB = '02:00:0a:49:00:0c,2,3\n';
const DATAPATHS = `55fa342a-065c-4f25-b698-493b7c41c65a,2,logical-switch=a98ee66e-3401-4412-b9b1-2e7afc604f89 name=lan
171e42c3-3de1-41ba-a2ed-db8cd330ca02,3,logical-router=9f460110-e583-45e3-a568-ef85b01d21b4 name=r1
df195c03-bb6c-42fd-a72c-9c0ba5336b4e,1,logical-switch=12b16aee-285e-4107-9968-befb563fc293 name=wan
`;
const PORTS = `lan-vm2,3,55fa342a-065c-4f25-b698-493b7c41c65a
r1-lan,2,171e42c3-3de1-41ba-a2ed-db8cd330ca02
wan-remote,1,df195c03-bb6c-42fd-a72c-9c0ba5336b4e
wan-r1,2,df195c03-bb6c-42fd-a72c-9c0ba5336b4e
lan-r1,2,55fa342a-065c-4f25-b698-493b7c41c65a
lan-vm1,1,55fa342a-065c-4f25-b698-493b7c41c65a
r1-wan,1,171e42c3-3de1-41ba-a2ed-db8cd330ca02
`;

function fdb(check: string, rows = FDB, datapaths = DATAPATHS) {
  return fakeLab('fdb', `kind: fdb, ${check}`)
    .on('central', /list FDB$/, rows)
    .on('central', /list Datapath_Binding$/, datapaths)
    .on('central', /list Port_Binding$/, PORTS);
}

describe('fdb', () => {
  it("passes on the switch's row of the MAC, on the VM's port, both read by name from their tunnel keys", async () => {
    const lab = fdb('mac: vm2, port: vm2');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'lan: 02:00:0a:49:00:0c learned on lan-vm2' });
    expect(lab.ran).toContain('central: ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=mac,dp_key,port_key list FDB');
    expect(await fdb('switch: lan, mac: "02:00:0A:49:00:0C", port: lan-vm2').attempt()).toMatchObject({ ok: true });
  });

  it('fails on another port or no row, saying what the SB has', async () => {
    expect(await fdb('mac: vm2, port: vm1').attempt()).toEqual({ ok: false, seen: 'lan: 02:00:0a:49:00:0c learned on lan-vm2' });
    expect(await fdb('mac: vm2', '').attempt()).toEqual({ ok: false, seen: 'lan: no FDB row for 02:00:0a:49:00:0c' });
    // The same MAC on wan's datapath is another switch's row.
    expect(await fdb('mac: vm2', '02:00:0a:49:00:0c,1,1\n').attempt()).toEqual({ ok: false, seen: 'lan: no FDB row for 02:00:0a:49:00:0c' });
  });

  it('expect gone passes only while the switch has no row of the MAC', async () => {
    expect(await fdb('switch: lan, mac: vm1, expect: gone').attempt()).toEqual({ ok: true, seen: 'lan: no FDB row for 02:00:0a:49:00:0b' });
    expect(await fdb('mac: vm2, expect: gone').attempt()).toEqual({ ok: false, seen: 'lan: 02:00:0a:49:00:0c learned on lan-vm2' });
  });

  it("reads OVN 26.03's rows too (docker sid): other keys in a router's external_ids, other tunnel keys", async () => {
    const datapaths = `b2a6e7a5-a76d-446f-b35b-8929fdb0ebb5,2,logical-switch=9de9df2b-680d-4117-8815-c0445b92af3c name=wan
1107ae6a-0fe5-49f8-bbf0-7e8b746c71ec,1,logical-switch=75ee7a6f-1447-40d8-8f3b-68dc5536c084 name=lan
0767eb1a-0673-4556-b6be-c0ff1f2dbbd1,3,disable_garp_rarp=false logical-router=7f4cb13c-9b7d-42e3-be71-e37e474c0fe8 mac_binding_age_threshold=20 name=r1
`;
    const ports = `wan-r1,1,b2a6e7a5-a76d-446f-b35b-8929fdb0ebb5
wan-remote,2,b2a6e7a5-a76d-446f-b35b-8929fdb0ebb5
r1-wan,1,0767eb1a-0673-4556-b6be-c0ff1f2dbbd1
lan-r1,3,1107ae6a-0fe5-49f8-bbf0-7e8b746c71ec
lan-vm2,1,1107ae6a-0fe5-49f8-bbf0-7e8b746c71ec
lan-vm1,2,1107ae6a-0fe5-49f8-bbf0-7e8b746c71ec
r1-lan,2,0767eb1a-0673-4556-b6be-c0ff1f2dbbd1
`;
    const lab = fakeLab('fdb', 'kind: fdb, mac: vm2, port: vm2')
      .on('central', /list FDB$/, '02:00:0a:49:00:0c,1,1\n')
      .on('central', /list Datapath_Binding$/, datapaths)
      .on('central', /list Port_Binding$/, ports);
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'lan: 02:00:0a:49:00:0c learned on lan-vm2' });
  });

  it('says when the SB does not answer', async () => {
    const lab = fakeLab('fdb', 'kind: fdb, mac: vm2').on('central', 'ovn-sbctl', { exit: 1, stderr: 'database connection failed' });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'the SB database did not answer' });
  });
});
