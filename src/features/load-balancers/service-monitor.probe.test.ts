import { describe, expect, it } from 'vitest';
import { fakeLab } from '../../../test/unit/probes/fake-lab.js';

/**
 * The SB's Service_Monitor rows as `ovn-sbctl --format=csv --data=bare` printed them in
 * labs/load-balancer.yaml (netns runtime, OVN 23.03.1): after up, and after web3's server stopped
 * (two missed probes). A row's status is empty before its first probe.
 */
const ONLINE = '10.70.0.12,8080,tcp,lan-web2,online\n10.70.0.11,8080,tcp,lan-web1,online\n10.70.0.13,8080,tcp,lan-web3,online\n';
const WEB3_OFF = '10.70.0.12,8080,tcp,lan-web2,online\n10.70.0.11,8080,tcp,lan-web1,online\n10.70.0.13,8080,tcp,lan-web3,offline\n';

function monitor(check: string, rows: string) {
  return fakeLab('load-balancer', `kind: service_monitor, ${check}`).on('central', /list Service_Monitor$/, rows);
}

describe('service_monitor', () => {
  it("passes when the backend's row has the status, naming the row as OVN does", async () => {
    const lab = monitor('backend: web3, status: online', ONLINE);
    expect(await lab.attempt()).toEqual({ ok: true, seen: '10.70.0.13:8080 (lan-web3) online' });
    expect(lab.ran).toEqual(['central: ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=ip,port,protocol,logical_port,status list Service_Monitor']);
  });

  it('fails while the row says otherwise, saying what it says', async () => {
    expect(await monitor('backend: web3, status: offline', ONLINE).attempt()).toEqual({ ok: false, seen: '10.70.0.13:8080 (lan-web3) online' });
    expect(await monitor('backend: "10.70.0.13:8080", status: offline', WEB3_OFF).attempt()).toEqual({ ok: true, seen: '10.70.0.13:8080 (lan-web3) offline' });
    expect(await monitor('backend: web2, status: offline', WEB3_OFF).attempt()).toMatchObject({ ok: false });
  });

  it('a row not probed yet, or no row, is neither status', async () => {
    expect(await monitor('backend: web3, status: offline', ONLINE.replace('lan-web3,online', 'lan-web3,')).attempt()).toEqual({ ok: false, seen: '10.70.0.13:8080 (lan-web3) no status yet (not probed)' });
    expect(await monitor('backend: web3, status: online', '').attempt()).toEqual({ ok: false, seen: '10.70.0.13:8080 (lan-web3): no Service_Monitor row (northd writes one for each health-checked backend)' });
  });

  it('says when the SB does not answer', async () => {
    const lab = fakeLab('load-balancer', 'kind: service_monitor, backend: web3, status: online').on('central', 'ovn-sbctl', { exit: 1, stderr: 'database connection failed' });
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'the SB database did not answer' });
  });
});
