import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A bound check of labs/vpc.yaml: the SB's chassis, and the port's Port_Binding. */
function bound(check: string, binding: string) {
  return fakeLab('vpc', `kind: bound, ${check}`)
    .on('central', 'ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=_uuid,name list Chassis', fixture('bound-chassis'))
    .on('central', 'ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=chassis,up find Port_Binding', binding);
}

describe('bound', () => {
  it("the port is bound to the chassis expected and up, by the chassis' name", async () => {
    const lab = bound('port: cr-r1-public, chassis: hv1', fixture('bound-cr-r1-public'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'port cr-r1-public bound to hv1, up' });
    expect(lab.ran).toEqual([
      'central: ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=_uuid,name list Chassis',
      'central: ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=chassis,up find Port_Binding logical_port=cr-r1-public',
    ]);
  });

  it('bound to another chassis fails', async () => {
    expect(await bound('port: cr-r1-public, chassis: hv2', fixture('bound-cr-r1-public')).attempt()).toEqual({ ok: false, seen: 'port cr-r1-public bound to hv1, up' });
  });

  it("a VM's port, expected on the VM's chassis", async () => {
    const lab = bound('vm: vm2', fixture('bound-tenant-vm2'));
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'port tenant-vm2 bound to hv2, up' });
    expect(lab.ran.at(-1)).toBe('central: ovn-sbctl --timeout=10 --format=csv --data=bare --no-headings --columns=chassis,up find Port_Binding logical_port=tenant-vm2');
  });

  it('no Port_Binding at all fails', async () => {
    expect(await bound('vm: vm1', fixture('bound-no-port-binding')).attempt()).toEqual({ ok: false, seen: 'no Port_Binding for tenant-vm1' });
  });
});
