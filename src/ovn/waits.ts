import type { NodeShell } from './node-shell.js';

/**
 * Readiness without sleeps: each returns when OVN says so (ovsdb's wait-until, nbctl's
 * --wait=hv), or fails after its timeout.
 */

/** The chassis has registered itself in the SB database. */
export async function waitChassisRegistered(central: NodeShell, chassis: string): Promise<void> {
  await central.run(['ovn-sbctl', '--timeout=30', 'wait-until', 'Chassis', chassis]);
}

/** The logical port is bound on its chassis and up. */
export async function waitPortUp(central: NodeShell, port: string): Promise<void> {
  await central.run(['ovn-nbctl', '--timeout=30', 'wait-until', 'Logical_Switch_Port', port, 'up=true']);
}

/** Every chassis has applied the NB configuration as it is now. */
export async function waitHvSync(central: NodeShell): Promise<void> {
  await central.run(['ovn-nbctl', '--timeout=30', '--wait=hv', 'sync']);
}
