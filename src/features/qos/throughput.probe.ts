import { setTimeout as sleep } from 'node:timers/promises';
import type { CheckProbe } from '../../checks/check.js';
import type { NodeShell } from '../../ovn/node-shell.js';
import { python } from '../../vm/programs.js';
import { bitsPerSecond, formatRate, receiverAddress, type ThroughputCheck } from './throughput-check.js';

/**
 * The receiver: argv proto (udp|tcp), port, seconds to wait in all. Prints `listening`, then, once
 * the sender has stopped for a second (or the time is up), `received <bytes> <packets> <seconds>`:
 * the bytes after the first read and the time from the first read to the last, so the rate is
 * bytes / seconds whatever the start-up took.
 */
const RECEIVER = `
import socket, sys, time
proto, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
s.bind(("0.0.0.0", port))
if proto == "tcp": s.listen(1)
print("listening", flush=True)
deadline = time.monotonic() + seconds
total = packets = 0; first = last = None
try:
    if proto == "tcp":
        s.settimeout(seconds); s, _ = s.accept()
    while time.monotonic() < deadline:
        s.settimeout(max(0.01, min(deadline - time.monotonic(), 1.0 if first is not None else seconds)))
        d = s.recv(65536)
        if not d: break
        now = time.monotonic()
        if first is None: first = now
        else: total += len(d)
        last = now; packets += 1
except socket.timeout: pass
print("received %d %d %.6f" % (total, packets, last - first if first is not None else 0), flush=True)
`;

/** The sender: argv proto, address, port, seconds, size. Sends as fast as it can; prints `sent <bytes>`. */
const SENDER = `
import socket, sys, time
proto, host, port, seconds, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM)
s.settimeout(5); s.connect((host, port))
buf = b"x" * size; sent = 0; end = time.monotonic() + seconds
while time.monotonic() < end:
    try: sent += s.send(buf)
    except OSError:
        # A full queue, or the ICMP error of an earlier datagram: UDP goes on; TCP has failed.
        if proto == "tcp": raise
s.close()
print("sent %d" % sent)
`;

let serial = 0;

/** Starts the receiver in the background on `node`; resolves once it listens, with how to end and read it. */
async function startReceiver(node: NodeShell, spec: ThroughputCheck): Promise<{ result(): Promise<string> }> {
  const base = `${node.runDir}/throughput-${process.pid}-${(serial += 1)}`;
  const wait = spec.seconds + 5;
  const start = 'timeout "$1" "$2" -c "$3" "$4" "$5" "$6" >"$7.out" 2>&1 </dev/null & echo $! >"$7.pid"';
  const [py, , program] = python(RECEIVER);
  await node.run(['sh', '-c', start, 'receiver', String(wait + 1), py!, program!, spec.proto, String(spec.port), String(wait), base]);
  const read = () => node.run(['cat', `${base}.out`], { nothrow: true }).then((r) => r.stdout);
  const deadline = Date.now() + 5000;
  while (!(await read()).includes('listening') && Date.now() < deadline) await sleep(50);
  return {
    async result() {
      const end = Date.now() + (wait + 2) * 1000;
      const running = 'kill -0 "$(cat "$1.pid")" 2>/dev/null';
      while ((await node.run(['sh', '-c', running, 'running', base], { nothrow: true })).ok && Date.now() < end) await sleep(200);
      const out = await read();
      await node.run(['sh', '-c', 'kill "$(cat "$1.pid")" 2>/dev/null; rm -f "$1.out" "$1.pid"', 'cleanup', base], { nothrow: true });
      return out;
    },
  };
}

export const throughputProbe: CheckProbe<ThroughputCheck> = {
  kind: 'throughput',
  async attempt(spec, ctx) {
    const address = receiverAddress(spec, ctx.lab)!;
    const receiver = await startReceiver(ctx.node(spec.to), spec);
    const sender = await ctx.node(spec.from).run(python(SENDER, spec.proto, address, spec.port, spec.seconds, spec.size), { nothrow: true, timeoutMs: (spec.seconds + 15) * 1000 });
    const got = /received (\d+) (\d+) ([\d.]+)/.exec(await receiver.result());
    const sent = /sent (\d+)/.exec(sender.stdout);
    const what = `${spec.proto} ${spec.from} → ${address}:${spec.port} for ${spec.seconds} s`;
    const sentRate = sent ? `sent ${formatRate((Number(sent[1]) * 8) / spec.seconds)}` : `the sender failed: ${sender.stderr.trim().split('\n').at(-1) ?? ''}`;
    if (!got || Number(got[2]) < 2 || Number(got[3]) <= 0) return { ok: false, seen: `${what}: received ${got ? `${got[2]} packets` : 'nothing'}, ${sentRate}` };
    const measured = (Number(got[1]) * 8) / Number(got[3]);
    const ok = (spec.min === undefined || measured >= bitsPerSecond(spec.min)) && (spec.max === undefined || measured <= bitsPerSecond(spec.max));
    const kB = Math.round(Number(got[1]) / 1000);
    return { ok, seen: `${what}: received ${formatRate(measured)} (${kB} kB in ${Number(got[3]).toFixed(2)} s), ${sentRate}` };
  },
};
