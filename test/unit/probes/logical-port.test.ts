import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

const find = 'ovn-nbctl --timeout=10 --format=json --columns=_uuid,type,addresses,parent_name,tag find Logical_Switch_Port';

/** A logical_port check of labs/vpc.yaml about tenant-vm1. */
function port(check: string) {
  return fakeLab('vpc', `kind: logical_port, port: tenant-vm1${check}`)
    .on('central', find, fixture('logical-port-tenant-vm1'))
    .on('central', 'ovn-nbctl --timeout=10 --bare --columns=name find Logical_Switch', fixture('logical-port-switch-tenant'));
}

const seen = 'port tenant-vm1, on tenant, type "", addresses 02:00:0a:32:00:0b 10.50.0.11';

describe('logical_port', () => {
  it('its switch, type and addresses, as the NB has them', async () => {
    const lab = port(", switch: tenant, type: '', addresses: 10.50.0.11");
    expect(await lab.attempt()).toEqual({ ok: true, seen });
    expect(lab.ran).toEqual([`central: ${find} name=tenant-vm1`, 'central: ovn-nbctl --timeout=10 --bare --columns=name find Logical_Switch ports{>=}0683d0ab-701d-45a0-8b52-b8fd2662cf6b']);
  });

  it('another type, switch or address than expected fails', async () => {
    expect(await port(', type: localport').attempt()).toEqual({ ok: false, seen });
    expect(await port(', switch: public').attempt()).toEqual({ ok: false, seen });
    expect(await port(', addresses: 10.50.0.12').attempt()).toEqual({ ok: false, seen });
  });

  it('no such port fails', async () => {
    const lab = fakeLab('vpc', 'kind: logical_port, port: nosuchport').on('central', find, fixture('logical-port-none'));
    expect(await lab.attempt()).toEqual({ ok: false, seen: 'no logical switch port nosuchport' });
  });
});
