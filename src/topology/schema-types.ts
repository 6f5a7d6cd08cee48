import * as z from 'zod';
import { hasLeadingZero, isMulticastMac } from './net.js';
import { parseIpv6 } from './net6.js';

/** The value types topology files are made of: names, addresses, MACs. */

const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const nodeName = z.string().regex(NAME, 'a name starts with a letter and has only letters, digits, "-" and "_"').max(15, 'at most 15 characters (Linux interface names are derived from it)');

const noLeadingZero = { error: (i: { input: unknown }) => `${String(i.input)} has a number with a leading zero, which some tools read as octal; write it without` };
export const ipv4 = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address like 172.16.255.130')
  .refine((v) => !hasLeadingZero(v), noLeadingZero);
export const cidr = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'a subnet like 172.16.255.128/26')
  .refine((v) => !hasLeadingZero(v), noLeadingZero);
export const addressOrSubnet = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/, 'an IPv4 address or a subnet like 10.50.0.0/24')
  .refine((v) => !hasLeadingZero(v), noLeadingZero);
/** A MAC a port can have: unicast (first byte even) and not all zeros. */
export const mac = z
  .string()
  .regex(/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/, 'a MAC address like 02:ac:10:ff:01:30')
  .refine((v) => !isMulticastMac(v), { error: (i) => `${String(i.input)} is a multicast MAC; the first byte must be even (like 02:…)` })
  .refine((v) => !/^(00:){5}00$/.test(v), { error: () => '00:00:00:00:00:00 is not a MAC a port can have; use one like 02:ac:10:ff:01:30' });
/** OVN port names end up in matches, flows and command lines: plain characters only. */
export const portName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'a port name of letters, digits, ".", ":", "-" and "_", starting with a letter or digit')
  .max(63, 'a port name has at most 63 characters');

/** IPv6: syntax only here (the relations, like being inside a subnet, are checked later). */
export const ipv6 = z.string().refine((v) => parseIpv6(v) !== undefined, { error: (i) => `'${String(i.input)}' is not an IPv6 address like fd00:10::5` });
export const cidr6 = z.string().refine((v) => /^[0-9a-fA-F:]+\/\d{1,3}$/.test(v) && parseIpv6(v.split('/')[0]!) !== undefined, {
  error: (i) => `'${String(i.input)}' is not an IPv6 subnet like fd00:10::/64`,
});
/** Where either family is meant (routes, NAT, policies): IPv4 or IPv6, syntax checked per family. */
export const ipAny = z.union([ipv4, ipv6], { error: (i) => `'${String(i.input)}' is neither an IPv4 address like 10.0.0.1 nor an IPv6 address like fd00::1` });
export const cidrAny = z.union([cidr, cidr6], { error: (i) => `'${String(i.input)}' is neither an IPv4 subnet like 10.0.0.0/24 nor an IPv6 subnet like fd00::/64` });
export const addressOrSubnetAny = z.union([addressOrSubnet, ipv6, cidr6], {
  error: (i) => `'${String(i.input)}' is not an address or subnet (like 10.50.0.0/24 or fd00:50::/64)`,
});
