import type { NodeShell } from '../ovn/node-shell.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Vm } from '../topology/model.js';
import type { Datapath } from '../ovn/datapath.js';
import { veth } from '../runtime/links.js';
import { addTrunkBridge } from '../ovn/br-int.js';

/**
 * A VM's VLAN trunk, built with OVS rather than kernel VLAN devices (which kernels without the
 * 8021q module lack): in the chassis, a small bridge `vt<n>` has an access port per VM interface
 * (eth0 untagged on a native VLAN, eth0.<tag> on <tag>) and one trunk port whose veth peer is the
 * VM's port on br-int. br-int thus sees exactly what a VM with VLAN subinterfaces would send:
 * untagged frames for the parent port, tagged ones for the child ports.
 */
interface TrunkNames {
  bridge: string;
  /** veth end in br-int (bound to the VM's logical port) and its peer, the trunk port. */
  uplink: string;
  trunk: string;
  /** The VLAN eth0's untagged frames ride on inside the trunk bridge. */
  nativeTag: number;
  access: { vmIf: string; chassisIf: string; tag: number; mac: string }[];
}

function trunkNames(vm: Vm, index: number): TrunkNames {
  const used = new Set(vm.vlans.map((v) => v.tag));
  let nativeTag = 4094;
  while (used.has(nativeTag)) nativeTag -= 1;
  return {
    bridge: `vt${index}`,
    uplink: `vt${index}-up`,
    trunk: `vt${index}-tr`,
    nativeTag,
    access: vm.vlans.map((v) => ({ vmIf: v.iface, chassisIf: `vt${index}-${v.tag}`, tag: v.tag, mac: v.mac })),
  };
}

/** Builds the trunk of a VM with VLANs; returns the interface to plug into br-int. */
export async function buildTrunk(runtime: Runtime, chassis: NodeShell, vm: Vm, index: number, datapath: Datapath): Promise<string> {
  const t = trunkNames(vm, index);
  for (const a of t.access) await runtime.addVmLink(vm, a.vmIf, a.chassisIf, a.mac);
  const inChassis = (dev: string) => ({ run: (argv: readonly string[]) => chassis.run(argv), dev });
  await veth(inChassis(t.uplink), inChassis(t.trunk), { mtu: vm.mtu });
  await addTrunkBridge(chassis, { bridge: t.bridge, trunk: t.trunk, native: vm.name, nativeTag: t.nativeTag, access: t.access.map((a) => ({ port: a.chassisIf, tag: a.tag })) }, datapath);
  return t.uplink;
}
