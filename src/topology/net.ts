/** Small IPv4 / MAC helpers: parsing, subnets, the addresses a lab hands out. */

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseIpv4(text: string): number | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  // A leading zero is octal to inet_aton (and so to some tools): 010 would be 8, not 10.
  if (m.slice(1).some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function formatIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

export interface Cidr {
  /** Network address as a number. */
  network: number;
  prefix: number;
  /** The text as written, normalised (network/prefix). */
  text: string;
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr, len, ...rest] = text.split('/');
  if (rest.length || addr === undefined || len === undefined || !/^\d{1,2}$/.test(len)) return undefined;
  const ip = parseIpv4(addr);
  const prefix = Number(len);
  if (ip === undefined || prefix > 32) return undefined;
  const network = (ip & maskOf(prefix)) >>> 0;
  if (network !== ip) return undefined;
  return { network, prefix, text: `${formatIpv4(network)}/${prefix}` };
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function inCidr(ip: number, cidr: Cidr): boolean {
  return (ip & maskOf(cidr.prefix)) >>> 0 === cidr.network;
}

/** True for the network and broadcast addresses of a subnet (not usable by a host). */
export function isNetworkOrBroadcast(ip: number, cidr: Cidr): boolean {
  if (cidr.prefix >= 31) return false;
  const broadcast = (cidr.network | ~maskOf(cidr.prefix)) >>> 0;
  return ip === cidr.network || ip === broadcast;
}

/** The n-th address of a subnet (1 = first host). */
export function nthAddress(cidr: Cidr, n: number): number {
  return (cidr.network + n) >>> 0;
}

/** A unicast, locally administered MAC built from a prefix byte and four bytes of an address. */
export function macFromIpv4(firstByte: number, ip: number): string {
  const bytes = [firstByte, 0, ...[24, 16, 8, 0].map((s) => (ip >>> s) & 255)];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/**
 * The MAC lab gives a node's underlay address (0a:00 and the address): br-phy's on a chassis,
 * eth0's on central, so the others can hold it as a neighbour without asking.
 */
export function underlayMac(ip: string): string {
  return macFromIpv4(0x0a, parseIpv4(ip)!);
}

export function isMulticastMac(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}

/** Address blocks a lab's subnets may not overlap: nothing in them can be a host on a segment. */
const SPECIAL_BLOCKS = [
  ['0.0.0.0/8', "'this network' (0.0.0.0/8)"],
  ['127.0.0.0/8', 'loopback (127.0.0.0/8)'],
  ['224.0.0.0/4', 'multicast (224.0.0.0/4)'],
  ['240.0.0.0/4', 'reserved and broadcast (240.0.0.0/4)'],
].map(([text, what]) => [parseCidr(text!)!, what!] as const);

/**
 * Of `blocks` (either family, with its overlap test), the description of the first a subnet
 * overlaps; with `inside`, of the first that holds the whole subnet (a route to 0.0.0.0/0 or
 * 0.0.0.0/1 is not into 'this network'; one to 127.0.0.0/8 is into loopback).
 */
export function firstBlock<C extends { prefix: number }>(blocks: readonly (readonly [C, string])[], cidr: C, overlap: (a: C, b: C) => boolean, inside: boolean): string | undefined {
  return blocks.find(([block]) => overlap(block, cidr) && (!inside || block.prefix <= cidr.prefix))?.[1];
}

/** The special block a subnet overlaps (with `inside`: lies wholly in), described, or undefined for an ordinary subnet. */
export function specialBlock(cidr: Cidr, inside = false): string | undefined {
  return firstBlock(SPECIAL_BLOCKS, cidr, overlaps, inside);
}

/** Why a port number (of `whose`, when said) cannot be one: TCP, UDP and SCTP ports are 1 to 65535. */
export function portProblem(port: string | number, whose?: string): string | undefined {
  const n = Number(port);
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? undefined : `port ${port}${whose ? ` of ${whose}` : ''} is outside 1-65535`;
}

/** True when two subnets share an address (one holds the other). */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return ((a.network ^ b.network) & maskOf(Math.min(a.prefix, b.prefix))) >>> 0 === 0;
}

/** True when the text has an IPv4 part written with a leading zero (172.016.0.1). */
export function hasLeadingZero(text: string): boolean {
  return /(^|[.])0\d/.test(text.split('/')[0] ?? '');
}
