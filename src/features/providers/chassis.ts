import type { Chassis, Lab } from '../../topology/model.js';
import type { ChassisLink } from '../feature.js';

/** A chassis' link into each provider network it maps: the port of the network's bridge. */
export const providerLinks = (chassis: Chassis): ChassisLink[] => chassis.bridgeMappings.map((m) => ({ network: m.network, iface: m.iface }));

/** The bridge of each provider network a chassis maps, and the mappings: ovn-controller patches br-int to these bridges for localnet ports. */
export function providerBridges(_lab: Lab, chassis: Chassis, datapath: string): string[][] {
  const maps = chassis.bridgeMappings;
  return [
    ...maps.map((m) => ['ovs-vsctl', '--timeout=30', '--', '--may-exist', 'add-br', m.bridge, '--', 'set', 'Bridge', m.bridge, `datapath_type=${datapath}`, '--', '--may-exist', 'add-port', m.bridge, m.iface]),
    ...(maps.length ? [['ovs-vsctl', 'set', 'Open_vSwitch', '.', `external_ids:ovn-bridge-mappings="${maps.map((m) => `${m.network}:${m.bridge}`).join(',')}"`]] : []),
  ];
}
