/** What a mirrored packet carries inside its tunnel, as far as a check needs it. */
type Inner = { kind: 'icmp'; type: 'request' | 'reply' | 'other'; src: string; dst: string } | { kind: 'arp' } | { kind: 'other'; ethertype: number };

/** A GRE or ERSPAN packet as it reached the collector: outer addresses, the key or session, what it carries. */
export interface MirroredPacket {
  src: string;
  dst: string;
  encap: 'gre' | 'erspan';
  /** The GRE key, or the ERSPAN session ID (undefined: a GRE packet without a key). */
  key?: number;
  inner: Inner;
}

const ipv4 = (b: Uint8Array, at: number) => Array.from(b.subarray(at, at + 4)).join('.');
const u16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32 = (b: Uint8Array, at: number) => u16(b, at) * 65536 + u16(b, at + 2);

/** GRE protocol types: a bridged Ethernet frame, ERSPAN type II, ERSPAN type III. */
const ETH_BRIDGED = 0x6558;
const ERSPAN_II = 0x88be;
const ERSPAN_III = 0x22eb;

/**
 * Reads `tcpdump -x` output (each packet's line, then its bytes from the IP header on, 16 a line)
 * into the GRE and ERSPAN packets it shows; other packets are left out.
 */
export function parseMirrored(text: string): MirroredPacket[] {
  const packets: number[][] = [];
  for (const line of text.split('\n')) {
    const hex = /^\s+0x[0-9a-f]{4}:\s+((?:[0-9a-f]{2,4}\s?)+)/.exec(line);
    if (hex) packets.at(-1)?.push(...(hex[1]!.replace(/\s/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16)));
    else if (/^\d/.test(line)) packets.push([]);
  }
  return packets.flatMap((bytes) => {
    const p = decode(Uint8Array.from(bytes));
    return p ? [p] : [];
  });
}

/** One IPv4 packet carrying GRE (protocol 47), or undefined. */
export function decode(b: Uint8Array): MirroredPacket | undefined {
  if (b.length < 24 || (b[0] ?? 0) >> 4 !== 4 || b[9] !== 47) return undefined;
  const gre = ((b[0] ?? 0) & 15) * 4;
  const flags = u16(b, gre);
  const proto = u16(b, gre + 2);
  let at = gre + 4 + (flags & 0x8000 ? 4 : 0);
  const key = flags & 0x2000 ? u32(b, at) : undefined;
  at += (flags & 0x2000 ? 4 : 0) + (flags & 0x1000 ? 4 : 0);
  const outer = { src: ipv4(b, 12), dst: ipv4(b, 16) };
  if (proto === ETH_BRIDGED) return { ...outer, encap: 'gre', ...(key === undefined ? {} : { key }), inner: ethernet(b, at) };
  if (proto === ERSPAN_II) return { ...outer, encap: 'erspan', key: u16(b, at + 2) & 0x3ff, inner: ethernet(b, at + 8) };
  // Type III: a 12-byte header, 8 more with its optional subheader (the O flag).
  if (proto === ERSPAN_III) return { ...outer, encap: 'erspan', key: u16(b, at + 2) & 0x3ff, inner: ethernet(b, at + 12 + ((b[at + 11] ?? 0) & 1 ? 8 : 0)) };
  return undefined;
}

/** An Ethernet frame (one 802.1Q tag skipped): ICMP echo inside IPv4, ARP, or its ethertype. */
function ethernet(b: Uint8Array, at: number): Inner {
  let type = u16(b, at + 12);
  let ip = at + 14;
  if (type === 0x8100) {
    type = u16(b, at + 16);
    ip += 4;
  }
  if (type === 0x0806) return { kind: 'arp' };
  if (type !== 0x0800 || b[ip + 9] !== 1) return { kind: 'other', ethertype: type };
  const icmp = ip + ((b[ip] ?? 0) & 15) * 4;
  const t = b[icmp];
  return { kind: 'icmp', type: t === 8 ? 'request' : t === 0 ? 'reply' : 'other', src: ipv4(b, ip + 12), dst: ipv4(b, ip + 16) };
}

/** One line of a packet: `GRE key 7: ICMP echo request 10.80.0.11 > 10.80.0.12`. */
export function describe(p: MirroredPacket): string {
  const tunnel = p.encap === 'gre' ? `GRE${p.key === undefined ? '' : ` key ${p.key}`}` : `ERSPAN session ${p.key ?? '?'}`;
  const i = p.inner;
  const inner = i.kind === 'icmp' ? `ICMP ${i.type === 'other' ? 'other' : `echo ${i.type}`} ${i.src} > ${i.dst}` : i.kind === 'arp' ? 'ARP' : `ethertype 0x${i.ethertype.toString(16).padStart(4, '0')}`;
  return `${tunnel}: ${inner}`;
}
