import { defaultMac } from '../ports.js';
import { inCidr, isNetworkOrBroadcast, parseIpv4, type Cidr } from '../net.js';
import type { At } from './at.js';

/**
 * Who holds each address on each switch, and each MAC in the lab: one book for every kind of
 * port (VMs, VLAN children, router ports, localports, services, hosts), so no pair is forgotten.
 */
export class AddressBook {
  private readonly ips = new Map<string, { owner: string; shared: boolean; routerPort: boolean }>();
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
    this.ips.set(key, { owner, shared: !!opts.shared, routerPort: !!opts.routerPort });
    return true;
  }

  /**
   * The port that has `ip` as its own address, on any switch: a VM's, a host's, a localport's, a
   * service's. Router ports and the addresses a switch's DHCP hands out are left out: OVN
   * balances a VIP on a gateway router's own address, and DHCP's are no port.
   */
  portWith(ip: string): string | undefined {
    for (const [key, claim] of this.ips) {
      if (key.slice(key.indexOf('/') + 1) === ip && !claim.shared && !claim.routerPort) return claim.owner;
    }
    return undefined;
  }

  /**
   * Claims a port's MAC: the one written (reported at its key), or the one derived from its
   * address, which is only claimed when the address was (a taken address says it already).
   */
  portMac(written: string | undefined, derived: string | undefined, addressClaimed: boolean, owner: string, path: PropertyKey[]): void {
    if (written) this.mac(written, owner, [...path, 'mac']);
    else if (derived && addressClaimed) this.mac(derived, owner, [...path, 'ip']);
  }

  /**
   * A port lab makes with a static IPv4 address on a switch (a localport, a dnsmasq service): its
   * address must be a host address of the switch's subnet, then it and its MAC are claimed.
   */
  staticPort(port: { switch: string; ip: string; mac?: string | undefined }, subnet: Cidr | undefined, owner: string, path: PropertyKey[]): void {
    const ip = parseIpv4(port.ip);
    let claimed = false;
    if (ip === undefined) this.at([...path, 'ip'], `'${port.ip}' is not an IPv4 address`);
    else if (subnet && (!inCidr(ip, subnet) || isNetworkOrBroadcast(ip, subnet))) this.at([...path, 'ip'], `${port.ip} is not a host address of switch '${port.switch}' (${subnet.text})`);
    else claimed = this.ip(port.switch, port.ip, owner, [...path, 'ip']);
    this.portMac(port.mac, ip !== undefined ? defaultMac(ip) : undefined, claimed, owner, path);
  }

  mac(mac: string, owner: string, path: PropertyKey[]): void {
    const key = mac.toLowerCase();
    const other = this.macs.get(key);
    if (other) this.at(path, `MAC ${key} is already used by ${other}`);
    else this.macs.set(key, owner);
  }
}
