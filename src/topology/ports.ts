import { vmMac } from './macs.js';
import { formatIpv4, parseIpv4 } from './net.js';
import type { Server, Vm } from './model.js';
import { proven, subnetOf } from './proven.js';
import type { RawCore } from './schema-core.js';

/** A VM's MAC when the file gives none: 02:00 and its four address bytes. */
export function defaultMac(ip: number): string {
  return vmMac({ ip: formatIpv4(ip) });
}

/** The MAC of a static port: as written, else 02:00 and its address bytes. */
export function portMac(mac: string | undefined, ip: string): string {
  return (mac ?? defaultMac(proven(parseIpv4(ip), `'${ip}' as an IPv4 address`))).toLowerCase();
}

/**
 * A VM-like node lab makes for itself (a service, a localport instance): a namespace on a chassis
 * with a static address on a switch, bound to the logical port <switch>-<owner>.
 */
export function staticNode(t: RawCore, owner: string, spec: { name: string; chassis: string; switch: string; ip: string; mac?: string }, role: Pick<Vm, 'service' | 'localport'>): Vm {
  return {
    name: spec.name,
    chassis: spec.chassis,
    switch: spec.switch,
    port: `${spec.switch}-${owner}`,
    mac: portMac(spec.mac, spec.ip),
    ip: spec.ip,
    prefix: subnetOf(t, spec.switch).prefix,
    dhcp: false,
    mtu: 1400,
    vlans: [],
    servers: [],
    ...role,
  };
}

/** Servers as written ({ tcp: 80 }) as the model has them ({ kind: 'tcp', port: 80 }). */
export function servers(list: RawCore['vms'][string]['servers']): Server[] {
  return list.map((s) => {
    const [kind, port] = proven(Object.entries(s)[0], 'a server of no kind');
    return { kind: kind as Server['kind'], port: port };
  });
}
