import type { At } from './at.js';

/**
 * Who holds each address on each switch, and each MAC in the lab: one book for every kind of
 * port (VMs, VLAN children, router ports, localports, services, hosts), so no pair is forgotten.
 */
export class AddressBook {
  private readonly ips = new Map<string, { owner: string; shared: boolean }>();
  private readonly macs = new Map<string, string>();

  constructor(private readonly at: At) {}

  /**
   * Claims `ip` on `sw` for `owner`; a duplicate is reported at path. `shared` entries (the DHCP
   * server and router addresses a switch hands out) may be taken over by a router port, which is
   * what answers on them.
   */
  ip(sw: string, ip: string, owner: string, path: PropertyKey[], opts: { shared?: boolean; routerPort?: boolean } = {}): boolean {
    const key = `${sw}/${ip}`;
    const other = this.ips.get(key);
    if (other && !(other.shared && opts.routerPort)) {
      if (!opts.shared) this.at(path, `${ip} is already used by ${other.owner}`);
      return false;
    }
    this.ips.set(key, { owner, shared: !!opts.shared });
    return true;
  }

  /**
   * Claims a port's MAC: the one written (reported at its key), or the one derived from its
   * address, which is only claimed when the address was (a taken address says it already).
   */
  portMac(written: string | undefined, derived: string | undefined, addressClaimed: boolean, owner: string, path: PropertyKey[]): void {
    if (written) this.mac(written, owner, [...path, 'mac']);
    else if (derived && addressClaimed) this.mac(derived, owner, [...path, 'ip']);
  }

  mac(mac: string, owner: string, path: PropertyKey[]): void {
    const key = mac.toLowerCase();
    const other = this.macs.get(key);
    if (other) this.at(path, `MAC ${key} is already used by ${other}`);
    else this.macs.set(key, owner);
  }
}
