import { isIPv6 } from 'node:net';
import { firstBlock } from './net.js';

/** Small IPv6 helpers: parsing, subnets, the EUI-64 addresses SLAAC makes. */

export function parseIpv6(text: string): bigint | undefined {
  if (!isIPv6(text) || text.includes('%') || text.includes('.')) return undefined;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (s: string | undefined) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = groups(tail);
  const all = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The canonical text of an IPv6 address (RFC 5952: lower case, longest zero run as ::). */
export function formatIpv6(n: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = { at: -1, len: 1 };
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}

export interface Cidr6 {
  network: bigint;
  prefix: number;
  /** network/prefix, canonical. */
  text: string;
}

const ALL = (1n << 128n) - 1n;

function mask6(prefix: number): bigint {
  return prefix === 0 ? 0n : (ALL << BigInt(128 - prefix)) & ALL;
}

export function parseCidr6(text: string): Cidr6 | undefined {
  const [addr, len, ...rest] = text.split('/');
  if (rest.length || addr === undefined || len === undefined || !/^\d{1,3}$/.test(len)) return undefined;
  const ip = parseIpv6(addr);
  const prefix = Number(len);
  if (ip === undefined || prefix > 128) return undefined;
  const network = ip & mask6(prefix);
  if (network !== ip) return undefined;
  return { network, prefix, text: `${formatIpv6(network)}/${prefix}` };
}

export function inCidr6(ip: bigint, cidr: Cidr6): boolean {
  return (ip & mask6(cidr.prefix)) === cidr.network;
}

/** The address SLAAC gives a MAC in a /64: the prefix and the modified EUI-64 interface id. */
export function eui64(cidr: Cidr6, mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const id = [b[0]! ^ 2, b[1]!, b[2]!, 0xff, 0xfe, b[3]!, b[4]!, b[5]!].reduce((n, x) => (n << 8n) | BigInt(x), 0n);
  return formatIpv6(cidr.network | id);
}

/** The same address in canonical text, or the text as written when it is not IPv6. */
export function canonical6(text: string): string {
  const n = parseIpv6(text);
  return n === undefined ? text : formatIpv6(n);
}

/** True when two IPv6 subnets share an address (one holds the other). */
function overlaps6(a: Cidr6, b: Cidr6): boolean {
  const shared = mask6(Math.min(a.prefix, b.prefix));
  return (a.network & shared) === (b.network & shared);
}

/** Address blocks a subnet6 may not overlap: nothing in them can be a port's address on a segment. */
const SPECIAL_BLOCKS6 = [
  ['::/128', 'the unspecified address (::/128)'],
  ['::1/128', 'loopback (::1/128)'],
  ['::ffff:0:0/96', 'IPv4-mapped addresses (::ffff:0:0/96)'],
  ['fe80::/10', 'link-local (fe80::/10)'],
  ['ff00::/8', 'multicast (ff00::/8)'],
].map(([text, what]) => [parseCidr6(text!)!, what!] as const);

/** The special block a subnet6 overlaps (with `inside`: lies wholly in), described, or undefined. */
export function specialBlock6(cidr: Cidr6, inside = false): string | undefined {
  return firstBlock(SPECIAL_BLOCKS6, cidr, overlaps6, inside);
}
