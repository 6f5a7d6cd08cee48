import type { CheckProbe } from '../../checks/check.js';
import type { NodeShell } from '../../ovn/node-shell.js';
import { python } from '../../vm/programs.js';
import { deliveryText, watchedVms, type MulticastCheck } from './multicast-check.js';

/**
 * Watches an interface for the check's datagrams with a packet socket, so it sees what OVN
 * delivers to the VM whether the VM joined the group or not: argv interface, group, port, token,
 * seconds. Prints `ready` once it listens, then `got <source>` for each datagram to group:port
 * that carries the token.
 */
const WATCH = `
import socket, struct, sys, time
iface, group, port, token, seconds = sys.argv[1], socket.inet_aton(sys.argv[2]), int(sys.argv[3]), sys.argv[4].encode(), float(sys.argv[5])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
s.bind((iface, 0)); s.settimeout(0.2)
print("ready", flush=True)
end = time.time() + seconds
while time.time() < end:
    try: frame, addr = s.recvfrom(65535)
    except socket.timeout: continue
    if addr[2] == 4: continue
    ip = frame[14:]; udp = ip[(ip[0] & 15) * 4:]
    if ip[9] == 17 and ip[16:20] == group and struct.unpack("!H", udp[2:4])[0] == port and token in udp[8:]:
        print("got " + socket.inet_ntoa(ip[12:16]), flush=True)
`;

/**
 * Sends datagrams to a group out of an interface (by its index: no multicast route needed), then
 * waits a second for them to arrive (a tunnel crossing takes milliseconds): argv interface, group,
 * port, token, count.
 */
const SEND = `
import socket, struct, sys, time
iface, group, port, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].encode(), int(sys.argv[5])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, struct.pack("4s4si", b"\\0" * 4, b"\\0" * 4, socket.if_nametoindex(iface)))
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 1)
for i in range(count):
    s.sendto(token, (group, port)); time.sleep(0.2)
time.sleep(1)
print("sent %d" % count)
`;

/** Seconds a watcher runs at most (the probe ends it sooner). */
const WATCH_SECONDS = 30;

/** Starts a watcher in a VM's background and waits until it listens. */
async function startWatch(node: NodeShell, spec: MulticastCheck, token: string): Promise<boolean> {
  const script = 'nohup "$@" >"$LOG" 2>&1 </dev/null & echo $! >"$PID"; for i in $(seq 100); do grep -q ready "$LOG" && exit 0; sleep 0.1; done; exit 1';
  const env = { PID: `${node.runDir}/mcast-watch.pid`, LOG: `${node.runDir}/mcast-watch.log` };
  return (await node.run(['sh', '-c', script, 'watch', ...python(WATCH, 'eth0', spec.group, spec.port, token, WATCH_SECONDS)], { env, nothrow: true, timeoutMs: 20_000 })).ok;
}

/** Ends a VM's watcher and gives the datagrams it saw. */
async function endWatch(node: NodeShell): Promise<number> {
  const script = 'p=$(cat "$PID" 2>/dev/null) && kill "$p" 2>/dev/null; rm -f "$PID"; cat "$LOG" 2>/dev/null';
  const out = await node.run(['sh', '-c', script], { env: { PID: `${node.runDir}/mcast-watch.pid`, LOG: `${node.runDir}/mcast-watch.log` }, nothrow: true });
  return out.stdout.split('\n').filter((l) => l.startsWith('got ')).length;
}

export const multicastProbe: CheckProbe<MulticastCheck> = {
  kind: 'multicast',
  async attempt(spec, ctx) {
    const watched = watchedVms(spec, ctx.lab);
    const token = `lab-multicast-${Math.random().toString(36).slice(2, 10)}`;
    const started = await Promise.all(watched.map((vm) => startWatch(ctx.node(vm), spec, token)));
    const sent = await ctx.node(spec.from).run(python(SEND, 'eth0', spec.group, spec.port, token, spec.count), { nothrow: true, timeoutMs: 20_000 });
    const counts = await Promise.all(watched.map((vm) => endWatch(ctx.node(vm))));
    const notWatching = watched.filter((_, i) => !started[i]);
    if (notWatching.length) return { ok: false, seen: `no packet socket could watch ${notWatching.join(', ')}` };
    if (!sent.ok) return { ok: false, seen: `${spec.from} could not send to ${spec.group}: ${sent.stderr.trim().split('\n').at(-1) ?? ''}` };
    const received = watched.filter((_, i) => counts[i]! > 0);
    const text = deliveryText(
      spec,
      received.map((vm) => `${vm} (${counts[watched.indexOf(vm)]}/${spec.count})`),
      watched.filter((vm) => !received.includes(vm)),
    );
    const ok = received.length === spec.receivers.length && received.every((vm) => spec.receivers.includes(vm));
    return { ok, seen: text };
  },
};
