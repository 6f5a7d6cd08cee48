import type { Datapath } from './chassis.js';
import type { NodeShell } from './node-shell.js';

/** Plugs an interface of the chassis into br-int, bound to a logical switch port by iface-id. */
export async function plugIntoBrInt(chassis: NodeShell, iface: string, logicalPort: string): Promise<void> {
  // ovn-controller makes br-int; a chassis just started may not have it yet.
  await chassis.runAll([
    ['ovs-vsctl', '--timeout=30', 'wait-until', 'Bridge', 'br-int'],
    ['ovs-vsctl', '--timeout=30', '--', '--may-exist', 'add-port', 'br-int', iface, '--', 'set', 'Interface', iface, `external_ids:iface-id=${logicalPort}`],
  ]);
}

/**
 * A VLAN trunk bridge on the chassis' own datapath (one on another could not reach br-int's
 * ports): the trunk port carries `nativeTag` untagged and every tag, each access port one tag.
 */
export async function addTrunkBridge(chassis: NodeShell, t: { bridge: string; trunk: string; native: string; nativeTag: number; access: { port: string; tag: number }[] }, datapath: Datapath): Promise<void> {
  await chassis.run([
    'ovs-vsctl',
    '--timeout=30',
    '--',
    'add-br',
    t.bridge,
    '--',
    'set',
    'Bridge',
    t.bridge,
    `datapath_type=${datapath}`,
    '--',
    'add-port',
    t.bridge,
    t.trunk,
    '--',
    'set',
    'Port',
    t.trunk,
    'vlan_mode=native-untagged',
    `tag=${t.nativeTag}`,
    `trunks=${[t.nativeTag, ...t.access.map((a) => a.tag)].join(',')}`,
    '--',
    'add-port',
    t.bridge,
    t.native,
    '--',
    'set',
    'Port',
    t.native,
    `tag=${t.nativeTag}`,
    ...t.access.flatMap((a) => ['--', 'add-port', t.bridge, a.port, '--', 'set', 'Port', a.port, `tag=${a.tag}`]),
  ]);
}
