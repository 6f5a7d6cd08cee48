import type { Attempt } from '../../checks/check.js';
import type { LabContext } from '../../ovn/lab-context.js';
import { endByPidFile } from '../../ovn/daemons.js';
import type { NodeShell } from '../../ovn/node-shell.js';
import { python } from '../../vm/programs.js';
import type { Membership } from './model.js';

/**
 * A member of a group: a socket that joined it on an interface (IP_ADD_MEMBERSHIP with the
 * interface's index, so no multicast route is needed), held open; the kernel reports the group
 * in IGMP and answers queries for as long as it lives. argv group, interface.
 */
const MEMBER = `
import socket, struct, sys, time
group, iface = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, struct.pack("4s4si", socket.inet_aton(group), socket.inet_aton("0.0.0.0"), socket.if_nametoindex(iface)))
print("joined %s on %s" % (group, iface), flush=True)
while True: time.sleep(3600)
`;

/** Where a VM's membership of a group keeps its pid and log, in its run directory. */
function memberFiles(node: NodeShell, group: string): { pid: string; log: string } {
  return { pid: `${node.runDir}/mcast-${group}.pid`, log: `${node.runDir}/mcast-${group}.log` };
}

/**
 * Starts the process that holds a VM's membership of a group (in the background, ended by `lab
 * down` with every process of the lab, or by `leaveGroup`) unless it runs already, and waits until
 * it joined. What it says: `joined`, `already a member`, or why it failed.
 */
export async function joinGroup(node: NodeShell, group: string): Promise<{ ok: boolean; said: string }> {
  const f = memberFiles(node, group);
  const script = [
    'p=$(cat "$PID" 2>/dev/null) && kill -0 "$p" 2>/dev/null && grep -q joined "$LOG" && { echo "already a member"; exit 0; }',
    'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"',
    'for i in $(seq 50); do grep -q joined "$LOG" && { echo joined; exit 0; }; kill -0 $! 2>/dev/null || break; sleep 0.1; done',
    'tail -n1 "$LOG"; exit 1',
  ].join('\n');
  const out = await node.run(['sh', '-c', script, 'join', ...python(MEMBER, group, 'eth0')], { env: { PID: f.pid, LOG: f.log }, nothrow: true, timeoutMs: 20_000 });
  return { ok: out.ok, said: out.stdout.trim().split('\n').at(-1) ?? '' };
}

/** Ends a VM's membership of a group (its kernel sends an IGMP leave as the socket closes); false when it still runs. */
async function leaveGroup(node: NodeShell, group: string): Promise<{ ok: boolean; said: string }> {
  const f = memberFiles(node, group);
  const member = await node.run(['sh', '-c', 'p=$(cat "$1" 2>/dev/null) && kill -0 "$p" 2>/dev/null', 'member', f.pid], { nothrow: true });
  if (!member.ok) return { ok: true, said: 'was no member' };
  const ended = await endByPidFile(node, f.pid);
  if (ended) await node.run(['rm', '-f', f.pid], { nothrow: true });
  return { ok: ended, said: ended ? 'left' : 'its member process did not end' };
}

/** What a step's join does: the VM's member process started, and what it said. */
export const joinRun = {
  key: 'join',
  async run(m: Membership, ctx: LabContext): Promise<Attempt> {
    const { ok, said } = await joinGroup(ctx.node(m.vm), m.group);
    return { ok, seen: `${m.vm} ${ok ? `a member of ${m.group}` : `did not join ${m.group}`}: ${said}` };
  },
};

/** What a step's leave does: the VM's member process ended. */
export const leaveRun = {
  key: 'leave',
  async run(m: Membership, ctx: LabContext): Promise<Attempt> {
    const { ok, said } = await leaveGroup(ctx.node(m.vm), m.group);
    return { ok, seen: `${m.vm} ${ok ? `no longer a member of ${m.group}` : `still a member of ${m.group}`}: ${said}` };
  },
};
