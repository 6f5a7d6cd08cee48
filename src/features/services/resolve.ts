import type { Lab, Vm } from '../../topology/model.js';
import { staticNode } from '../../topology/ports.js';
import { routerAddressOn } from '../routers/resolve.js';
import { proven, subnetOf } from '../../topology/proven.js';
import type { RawCore } from '../../topology/schema-core.js';
import type { Service } from './model.js';
import type { RawService, RawServices } from './schema.js';

type Raw = RawCore & RawServices;

/**
 * The services, and their namespaces as nodes of the lab: right after the VMs the file names (the
 * first of lab.vms), before the nodes lab makes for other concepts (localport instances).
 */
export function resolveServices(t: Raw, lab: Lab): Pick<Lab, 'vms' | 'services'> {
  const named = Object.keys(t.vms).length;
  const vms = lab.vms.slice(0, named);
  return {
    vms: [...vms, ...serviceNodes(t), ...lab.vms.slice(named)],
    services: Object.entries(t.services).map(([name, svc]) => resolveService(t, lab, name, svc, vms)),
  };
}

/** The interfaces a dnsmasq service listens on, with the switch and its own address there. */
export function serviceInterfaces(t: Raw, svc: RawService): { iface: string; switch: string; ip: string }[] {
  const vm = svc.vm !== undefined ? t.vms[svc.vm] : undefined;
  if (svc.vm !== undefined) {
    if (!vm || vm.ip === undefined) return [];
    return [{ iface: 'eth0', switch: vm.switch, ip: vm.ip }, ...Object.entries(vm.nics ?? {}).map(([iface, n]) => ({ iface, switch: n.switch, ip: n.ip }))];
  }
  return svc.switch !== undefined && svc.ip !== undefined ? [{ iface: 'eth0', switch: svc.switch, ip: svc.ip }] : [];
}

/** True when a dnsmasq service serves the switch (its VMs then use DHCP by default). */
export function dnsmasqOn(t: Raw, switchName: string): boolean {
  return Object.values(t.services).some((s) => s.kind === 'dnsmasq' && serviceInterfaces(t, s).some((i) => i.switch === switchName));
}

/** True when a VM runs a service (it is the server, so it does not ask for a lease itself). */
export function hostsService(t: Raw, vmName: string): boolean {
  return hostedService(t, vmName) !== undefined;
}

/** The service a VM runs, if any. */
export function hostedService(t: Raw, vmName: string): string | undefined {
  return Object.entries(t.services).find(([, s]) => s.vm === vmName)?.[0];
}

function resolveService(t: Raw, lab: Lab, name: string, svc: RawService, vms: Vm[]): Service {
  return {
    name,
    kind: svc.kind,
    node: svc.vm ?? name,
    ranges: serviceInterfaces(t, svc).map((i) => {
      // In a router VM the VM itself is the way out; in a namespace of its own, the switch's router.
      const router = svc.router ?? (svc.vm !== undefined ? i.ip : routerAddressOn(lab, i.switch));
      return {
        iface: i.iface,
        switch: i.switch,
        subnet: subnetOf(t, i.switch),
        hosts: vms.flatMap((v) => (v.switch === i.switch && v.dhcp && v.ip !== undefined ? [{ mac: v.mac, ip: v.ip }] : [])),
        ...(router ? { router } : {}),
      };
    }),
    leaseTime: svc.lease_time,
  };
}

/** Service namespaces, with a static address on their switch. */
function serviceNodes(t: Raw): Vm[] {
  return Object.entries(t.services)
    .filter(([, svc]) => svc.vm === undefined)
    .map(([name, svc]) =>
      staticNode(
        t,
        name,
        {
          name,
          chassis: proven(svc.chassis, `service ${name} without a chassis`),
          switch: proven(svc.switch, `service ${name} without a switch`),
          ip: proven(svc.ip, `service ${name} without an address`),
          ...(svc.mac ? { mac: svc.mac } : {}),
        },
        { service: name },
      ),
    );
}
