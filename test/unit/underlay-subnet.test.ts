import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/base/errors.js';
import { movedUnderlay, refuseTakenUnderlay, type NetworkSubnets } from '../../src/runtime/docker/underlay-subnet.js';
import { parseTopology } from '../../src/topology/load.js';

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
    expect(e?.hint).toBe("give this lab its own subnet: --underlay 192.168.102.0/24 (or underlay: { subnet: 192.168.102.0/24 } in its file), or take lab 'dmz' down first");
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

describe('a copy of a file under another name (--name), on a Docker engine', () => {
  it("moves to the first free /24 where another lab holds the file's underlay, saying whose it is", () => {
    const taken = [bridge, dmz, { ...dmz, name: 'lab-x-underlay', labels: { [LABEL]: 'x' }, subnets: ['192.168.101.0/24'] }];
    expect(movedUnderlay('192.168.100.0/24', taken, 'dmz-bob', LABEL)).toEqual({ subnet: '192.168.102.0/24', why: "lab 'dmz' (Docker network lab-dmz-underlay) holds the file's 192.168.100.0/24 on this Docker engine" });
    expect(movedUnderlay('192.168.100.0/24', taken, 'dmz', LABEL)).toBeUndefined();
    expect(movedUnderlay('192.168.164.0/24', taken, 'dmz-bob', LABEL)).toBeUndefined();
  });

  it('is the same lab on another underlay: every node address moves with it, a bad subnet or an address the file pins is refused', () => {
    const text = 'name: t\nchassis: { hv1: {}, hv2: {} }\nswitches: { lan: { subnet: 10.0.0.0/24 } }\nvms: { vm1: { chassis: hv1, switch: lan, ip: 10.0.0.5 } }\n';
    const lab = parseTopology(text, 't.yaml', undefined, { name: 't-bob', underlay: '192.168.102.0/24' });
    expect([lab.name, lab.underlay.subnet.text, lab.central.ip, ...lab.chassis.map((c) => c.ip)]).toEqual(['t-bob', '192.168.102.0/24', '192.168.102.1', '192.168.102.2', '192.168.102.3']);
    expect(parseTopology(text, 't.yaml').digest).toBe(lab.digest);
    expect(() => parseTopology(text, 't.yaml', undefined, { underlay: '192.168.102.7/24' })).toThrow("--underlay '192.168.102.7/24' is not a subnet");
    expect(() => parseTopology(text.replace('hv1: {}', 'hv1: { ip: 192.168.100.9 }'), 't.yaml', undefined, { underlay: '192.168.102.0/24' })).toThrow(/192\.168\.100\.9/);
  });
});
