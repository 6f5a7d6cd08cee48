import { describe, expect, it } from 'vitest';
import { fakeLab } from '../../../test/unit/probes/fake-lab.js';

/**
 * The SB's MAC_Binding rows as `ovn-sbctl --format=csv --data=bare` printed them in
 * labs/gateways.yaml (netns runtime, OVN 23.03.1) after vm1 and vm2 pinged ext1: each gateway
 * router's port on ext resolved the host by ARP. Right after up there is none.
 */
const LEARNED = 'gw1-ext,172.16.0.1,02:00:ac:10:00:01\ngw2-ext,172.16.0.1,02:00:ac:10:00:01\n';

function binding(check: string, rows: string) {
  return fakeLab('gateways', `kind: mac_binding, ${check}`).on('central', /list MAC_Binding$/, rows);
}

describe('mac_binding', () => {
  it("passes on the router's row of the address, with the host's MAC", async () => {
    const lab = binding('router: gw1, ip: 172.16.0.1, mac: ext1', LEARNED);
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'gw1: 172.16.0.1 is-at 02:00:ac:10:00:01 on gw1-ext' });
    expect(lab.ran).toEqual(['central: ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=logical_port,ip,mac list MAC_Binding']);
    expect(await binding('router: gw2, port: gw2-ext, ip: 172.16.0.1, mac: "02:00:AC:10:00:01"', LEARNED).attempt()).toEqual({ ok: true, seen: 'gw2 (gw2-ext): 172.16.0.1 is-at 02:00:ac:10:00:01 on gw2-ext' });
  });

  it('fails on another MAC, another port or no row, saying what the SB has', async () => {
    expect(await binding('router: gw1, ip: 172.16.0.1, mac: vm1', LEARNED).attempt()).toEqual({ ok: false, seen: 'gw1: 172.16.0.1 is-at 02:00:ac:10:00:01 on gw1-ext' });
    expect(await binding('router: gw1, port: gw1-join, ip: 172.16.0.1', LEARNED).attempt()).toEqual({ ok: false, seen: 'gw1 (gw1-join): no MAC_Binding for 172.16.0.1' });
    expect(await binding('router: r1, ip: 172.16.0.1', LEARNED).attempt()).toEqual({ ok: false, seen: 'r1: no MAC_Binding for 172.16.0.1' });
    expect(await binding('router: gw1, ip: 172.16.0.1', '').attempt()).toMatchObject({ ok: false });
  });

  it('expect gone passes only once the row is gone', async () => {
    expect(await binding('router: gw1, ip: 172.16.0.1, expect: gone', LEARNED).attempt()).toEqual({ ok: false, seen: 'gw1: 172.16.0.1 is-at 02:00:ac:10:00:01 on gw1-ext' });
    expect(await binding('router: gw1, ip: 172.16.0.1, expect: gone', LEARNED.split('\n')[1]!).attempt()).toEqual({ ok: true, seen: 'gw1: no MAC_Binding for 172.16.0.1' });
  });

  it('says when the SB does not answer', async () => {
    const lab = fakeLab('gateways', 'kind: mac_binding, router: gw1, ip: 172.16.0.1').on('central', 'ovn-sbctl', { exit: 1, stderr: 'database connection failed' });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'the SB database did not answer' });
  });
});
