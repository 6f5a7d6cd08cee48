import { describe, expect, it } from 'vitest';
import { eui64, formatIpv6, parseCidr6, parseIpv6 } from '../../src/topology/net6.js';

describe('IPv6 addresses', () => {
  it('reads and writes them canonically', () => {
    const canon = (a: string) => formatIpv6(parseIpv6(a)!);
    expect(canon('FD00:10:0:0::1')).toBe('fd00:10::1');
    expect(canon('::')).toBe('::');
    expect(canon('::1')).toBe('::1');
    expect(canon('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(canon('1:2:3:4:5:6:7:8')).toBe('1:2:3:4:5:6:7:8');
    expect(parseIpv6('1::2::3')).toBeUndefined();
    expect(parseIpv6('10.0.0.1')).toBeUndefined();
  });
  it('takes subnets only as network/prefix', () => {
    expect(parseCidr6('fd00:10::/64')?.text).toBe('fd00:10::/64');
    expect(parseCidr6('fd00:10::1/64')).toBeUndefined();
    expect(parseCidr6('fd00:10::/129')).toBeUndefined();
  });
  it('makes the address SLAAC makes from a MAC (modified EUI-64)', () => {
    // The kernel's link-local for this MAC was fe80::ac:10ff:feff:130.
    expect(eui64(parseCidr6('fd00:10::/64')!, '02:ac:10:ff:01:30')).toBe('fd00:10::ac:10ff:feff:130');
    expect(eui64(parseCidr6('fd00:10::/64')!, '50:54:00:00:00:01')).toBe('fd00:10::5254:ff:fe00:1');
  });
});
