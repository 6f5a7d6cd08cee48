/** The fields of a dhclient lease that checks look at. */
export interface Lease {
  address?: string;
  netmask?: string;
  routers?: string;
  leaseTime?: number;
  mtu?: number;
  server?: string;
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
  };
}

export function prefixOfNetmask(mask: string): number {
  return mask.split('.').reduce((n, octet) => n + (Number(octet) >>> 0).toString(2).replace(/0/g, '').length, 0);
}
