import { existsSync } from 'node:fs';
import { UserError } from '../base/errors.js';

/** The OVS datapath of a lab's chassis: the userspace one (netdev) or the kernel's (system). */
export type Datapath = 'netdev' | 'system';

/** True when the host kernel has what the OVS kernel datapath needs for Geneve. */
export function kernelDatapathAvailable(): boolean {
  return existsSync('/sys/module/openvswitch') && existsSync('/sys/module/geneve');
}

/**
 * The datapath a lab runs on: the kernel one when asked for or (auto) when its modules are
 * loaded, the userspace one (netdev) otherwise. Machines without the openvswitch module,
 * like most CI runners and containers, get netdev.
 */
export function chooseDatapath(wanted: 'auto' | Datapath): Datapath {
  if (wanted === 'netdev') return 'netdev';
  const kernel = kernelDatapathAvailable();
  if (wanted === 'system' && !kernel) {
    throw new UserError("datapath 'system' needs the openvswitch and geneve kernel modules, which are not loaded", "run 'modprobe openvswitch geneve', or set datapath: netdev (userspace) in the file");
  }
  return kernel ? 'system' : 'netdev';
}
