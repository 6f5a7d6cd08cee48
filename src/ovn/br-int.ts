import type { Datapath } from './datapath.js';
import type { NodeShell } from './node-shell.js';

/** An interface of a chassis and the logical switch port it is bound to (its iface-id). */
export interface Plug {
  iface: string;
  logicalPort: string;
}

/**
 * Plugs interfaces of the chassis into br-int (which startChassis made), each bound to its logical
 * switch port by iface-id: one transaction, so ovn-controller claims them all in one pass.
 */
export async function plugIntoBrInt(chassis: NodeShell, plugs: readonly Plug[]): Promise<void> {
  if (plugs.length === 0) return;
  await chassis.run(['ovs-vsctl', '--timeout=30', ...plugCommands(plugs)]);
}

/** The ovs-vsctl commands (each after its `--`) that plug interfaces into br-int, bound by iface-id. */
export function plugCommands(plugs: readonly Plug[]): string[] {
  return plugs.flatMap((p) => ['--', '--may-exist', 'add-port', 'br-int', p.iface, '--', 'set', 'Interface', p.iface, `external_ids:iface-id=${p.logicalPort}`]);
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
