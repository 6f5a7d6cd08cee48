import { waitInNode, type NodeShell } from './node-shell.js';

/**
 * Readiness without sleeps: each returns when OVN says so (ovsdb's wait-until, nbctl's
 * --wait=hv), or fails after its timeout.
 */

/**
 * The chassis have registered in the SB database, the logical ports are bound on their chassis and
 * up, and every chassis has applied the NB as it is now: one process, failing at the first wait
 * that times out (the error shows the script's start, not which wait it was).
 */
export async function waitRegisteredBoundSynced(central: NodeShell, chassis: readonly string[], ports: readonly string[]): Promise<void> {
  await central.runAll([...chassis.map(registered), ...ports.map((port) => ['ovn-nbctl', '--timeout=30', 'wait-until', 'Logical_Switch_Port', port, 'up=true']), HV_SYNC]);
}

/** The chassis have registered in the SB database (one process). */
export async function waitRegistered(central: NodeShell, chassis: readonly string[]): Promise<void> {
  await central.runAll(chassis.map(registered));
}

const registered = (chassis: string) => ['ovn-sbctl', '--timeout=30', 'wait-until', 'Chassis', chassis];

/** Every chassis has applied the NB configuration as it is now. */
export async function waitHvSync(central: NodeShell): Promise<void> {
  await central.run(HV_SYNC);
}

/** An empty NB transaction that returns once every chassis has applied it. */
const HV_SYNC = ['ovn-nbctl', '--timeout=30', '--wait=hv', 'sync'];

/**
 * Both databases of a central cluster have all their members and a leader, as the first member's
 * `cluster/status` says (one shell loop in the node, so `lab script` shows it as it runs).
 */
export async function waitClusterFormed(central: NodeShell, members: number): Promise<void> {
  for (const [ctl, db] of [
    ['ovnnb_db', 'OVN_Northbound'],
    ['ovnsb_db', 'OVN_Southbound'],
  ] as const) {
    const status = `ovs-appctl -t ${central.runDir}/${ctl}.ctl cluster/status ${db} 2>/dev/null`;
    const formed = `${status} | awk '/^Leader: unknown/{u=1} /^Servers:/{s=1;next} s&&/ at /{n++} END{exit !(n>=${members} && !u)}'`;
    if (!(await waitInNode(central, formed, 30))) throw new Error(`${db} on ${central.name}: not all ${members} members and a leader after 30 s`);
  }
}
