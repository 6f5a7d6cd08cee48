import { macFromIpv4, parseIpv4 } from './net.js';
import { canonical6 } from './net6.js';

/** A VM's MAC as resolved: written, else derived from its IPv4 address, else (IPv6 only) from its name. */
export function vmMac(vm: { mac?: string; ip?: string }, name = ''): string {
  if (vm.mac) return vm.mac.toLowerCase();
  if (vm.ip !== undefined) return macFromIpv4(0x02, parseIpv4(vm.ip) ?? 0);
  return hashedMac(0x02, name);
}

/** A MAC of `first`:01 and a 32-bit FNV-1a hash of a text: apart from the `first`:00 MACs of IPv4 addresses. */
function hashedMac(first: number, text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return macFromIpv4(first, h).replace(/^(..):00/, '$1:01');
}

/** A router port's MAC when the file gives none: 06:00 and its IPv4 address' four bytes, else 06:01 and a hash of its IPv6 address. */
export function routerPortMac(port: { ip?: string; ip6?: string }): string {
  return port.ip !== undefined ? macFromIpv4(0x06, parseIpv4(port.ip) ?? 0) : hashedMac(0x06, canonical6(port.ip6 ?? '::'));
}
