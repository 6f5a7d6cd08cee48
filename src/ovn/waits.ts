import { waitInNode, type NodeShell } from './node-shell.js';

/**
 * Readiness without sleeps: each returns when OVN says so (ovsdb's wait-until, nbctl's
 * --wait=hv), or fails after its timeout.
 */

/**
 * The table where a chassis has registered: once its ovn-controller has made its row there. Central
 * writes the Chassis rows before, and fills most in (see chassisRows, chassisTemplateCommand), but
 * only ovn-controller makes that row.
 */
const REGISTERED_IN = 'Chassis_Private';

/**
 * The chassis have registered in the SB database, the logical ports are bound on their chassis and
 * up, and every chassis has applied the NB as it is now: one process, failing at the first wait
 * that times out (the error shows the script's start, not which wait it was).
 */
export async function waitRegisteredBoundSynced(central: NodeShell, chassis: readonly string[], ports: readonly string[]): Promise<void> {
  await runEach(central, [...waitEvery('ovn-sbctl', REGISTERED_IN, chassis), ...waitEvery('ovn-nbctl', 'Logical_Switch_Port', ports, 'up=true'), HV_SYNC]);
}

/** The chassis have registered in the SB database. */
export async function waitRegistered(central: NodeShell, chassis: readonly string[]): Promise<void> {
  await runEach(central, waitEvery('ovn-sbctl', REGISTERED_IN, chassis));
}

/**
 * Commands in one process when their text is short; a big lab's waits one process each, as one
 * script of them all could pass the 128 KiB a single argument may have on Linux (`sh -c`'s).
 */
async function runEach(node: NodeShell, commands: string[][]): Promise<void> {
  const size = commands.reduce((n, argv) => n + argv.join(' ').length, 0);
  if (size < 32 * 1024) return void (await node.runAll(commands));
  for (const argv of commands) await node.run(argv);
}

/** At most this many rows in one wait: its command line stays well under 128 KiB. */
const ROWS_PER_WAIT = 500;

/**
 * One `wait-until` per row, in one invocation of the tool per 500 rows (none for no rows): one connection
 * and one copy of the table, checked again as the database changes, where a tool per row made
 * N connections that each fetched the table (a 500-chassis lab waited minutes for its 1000 ports
 * so). The timeout grows with the rows, a tenth of a second each beyond 30 s.
 */
function waitEvery(tool: 'ovn-sbctl' | 'ovn-nbctl', table: string, rows: readonly string[], ...condition: string[]): string[][] {
  const waits: string[][] = [];
  for (let at = 0; at < rows.length; at += ROWS_PER_WAIT) {
    const some = rows.slice(at, at + ROWS_PER_WAIT);
    const timeout = 30 + Math.ceil(some.length / 10);
    waits.push([tool, `--timeout=${timeout}`, ...some.flatMap((row, i) => [...(i ? ['--'] : []), 'wait-until', table, row, ...condition])]);
  }
  return waits;
}

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
