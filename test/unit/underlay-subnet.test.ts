import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/base/errors.js';
import { refuseTakenUnderlay, type NetworkSubnets } from '../../src/runtime/docker/underlay-subnet.js';

const LABEL = 'ovn-lab.lab';
const dmz: NetworkSubnets = { name: 'lab-dmz-underlay', labels: { [LABEL]: 'dmz' }, subnets: ['192.168.100.0/24'] };
const bridge: NetworkSubnets = { name: 'bridge', labels: {}, subnets: ['172.17.0.0/16'] };

function refusal(subnet: string, networks: NetworkSubnets[], lab = 'vpc'): UserError | undefined {
  try {
    refuseTakenUnderlay(subnet, networks, lab, LABEL);
    return undefined;
  } catch (e) {
    return e as UserError;
  }
}

describe('a docker lab whose underlay another network holds', () => {
  it('is refused naming the lab that holds it and a free subnet to give instead', () => {
    const e = refusal('192.168.100.0/24', [bridge, dmz, { ...dmz, name: 'lab-x-underlay', labels: { [LABEL]: 'x' }, subnets: ['192.168.101.0/24'] }]);
    expect(e).toBeInstanceOf(UserError);
    expect(e?.message).toBe("the underlay 192.168.100.0/24 overlaps 192.168.100.0/24 of lab 'dmz' (Docker network lab-dmz-underlay): two networks of one Docker engine cannot share addresses");
    expect(e?.hint).toBe("give this lab its own subnet in its file, e.g. underlay: { subnet: 192.168.102.0/24 }, or take lab 'dmz' down first");
  });

  it('is refused when the subnets only overlap, and names a network no lab made', () => {
    const e = refusal('172.17.5.0/24', [bridge]);
    expect(e?.message).toContain('overlaps 172.17.0.0/16 of Docker network bridge');
    expect(e?.hint).not.toContain('down first');
  });

  it('is let through when the network is its own (left from an earlier up) or nothing overlaps', () => {
    expect(refusal('192.168.100.0/24', [bridge, dmz], 'dmz')).toBeUndefined();
    expect(refusal('192.168.164.0/24', [bridge, dmz])).toBeUndefined();
  });
});
