/** The fields of a dhclient lease that checks look at. */
export interface Lease {
  address?: string;
  netmask?: string;
  routers?: string;
  leaseTime?: number;
  mtu?: number;
  server?: string;
  dns?: string;
}

/** Parses the last `lease { … }` block of a dhclient lease file (the current one). */
export function parseLastLease(text: string): Lease | undefined {
  const blocks = text.match(/lease \{[^}]*\}/g);
  const last = blocks?.at(-1);
  if (!last) return undefined;
  const option = (name: string) => new RegExp(`option ${name} ([^;]+);`).exec(last)?.[1];
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return {
    address: /fixed-address ([^;]+);/.exec(last)?.[1],
    netmask: option('subnet-mask'),
    routers: option('routers'),
    leaseTime: num(option('dhcp-lease-time')),
    mtu: num(option('interface-mtu')),
    server: option('dhcp-server-identifier'),
    dns: option('domain-name-servers'),
  };
}

/** The fields of a dhclient -6 lease that checks look at. */
export interface Lease6 {
  address?: string;
  /** The MAC of the server's DUID (DUID-LL or DUID-LLT), as OVN's server_id option sets it. */
  serverMac?: string;
  dns?: string;
}

/** Parses the last `lease6 { … }` block of a dhclient -6 lease file. */
export function parseLastLease6(text: string): Lease6 | undefined {
  const start = text.lastIndexOf('lease6 {');
  if (start < 0) return undefined;
  const block = text.slice(start);
  const duid = /option dhcp6\.server-id ([^;]+);/
    .exec(block)?.[1]
    ?.split(':')
    .map((b) => parseInt(b, 16));
  // DUID-LL: type 3, hardware type, MAC; DUID-LLT: type 1, hardware type, time (4 bytes), MAC.
  const mac = duid && (duid[1] === 3 ? duid.slice(4) : duid[1] === 1 ? duid.slice(8) : undefined);
  return {
    address: /iaaddr ([0-9a-fA-F:]+) \{/.exec(block)?.[1],
    ...(mac?.length === 6 ? { serverMac: mac.map((b) => b.toString(16).padStart(2, '0')).join(':') } : {}),
    dns: /option dhcp6\.name-servers ([^;]+);/.exec(block)?.[1],
  };
}

export function prefixOfNetmask(mask: string): number {
  return mask.split('.').reduce((n, octet) => n + (Number(octet) >>> 0).toString(2).replace(/0/g, '').length, 0);
}
