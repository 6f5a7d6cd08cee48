import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeShell } from '../ovn/node-shell.js';

/** A packet as tcpdump -n prints it: its addresses (ports stripped) and the line. */
export interface CapturedPacket {
  src: string;
  dst: string;
  line: string;
}

/**
 * Reads `IP 10.0.0.1.43790 > 10.0.0.2.80: Flags [S]…`, `IP 10.0.0.1 > 10.0.0.2: ICMP echo request…`
 * and their IPv6 forms (`IP6 fd00::1.43790 > fd00::2.80: …`, `IP6 fd00::1 > fd00::2: ICMP6, echo request…`).
 */
export function parseTcpdump(text: string): CapturedPacket[] {
  return text.split('\n').flatMap((line) => {
    const v4 = / IP (\d+\.\d+\.\d+\.\d+)(?:\.\d+)? > (\d+\.\d+\.\d+\.\d+)(?:\.\d+)?: /.exec(line);
    if (v4) return [{ src: v4[1]!, dst: v4[2]!, line: line.trim() }];
    const v6 = / IP6 ([0-9a-f:]+?)(?:\.\d+)? > ([0-9a-f:]+?)(?:\.\d+)?: /.exec(line);
    return v6 ? [{ src: v6[1]!, dst: v6[2]!, line: line.trim() }] : [];
  });
}

let serial = 0;

/**
 * Listens on a node's interface while `action` runs elsewhere: tcpdump starts in the background
 * (its own files in the node's run directory), the action runs once tcpdump says it listens, and
 * the capture ends after `count` packets or `seconds`. Returns what arrived.
 */
export async function captureWhile(node: NodeShell, opts: { iface: string; filter: string; count: number; seconds: number }, action: () => Promise<unknown>): Promise<CapturedPacket[]> {
  return parseTcpdump(await captureText(node, opts, action));
}

/** The same capture, as tcpdump printed it; with `hex`, each packet's bytes from its IP header on follow its line (-x). */
export async function captureText(node: NodeShell, opts: { iface: string; filter: string; count: number; seconds: number; hex?: boolean }, action: () => Promise<unknown>): Promise<string> {
  const base = `${node.runDir}/capture-${process.pid}-${(serial += 1)}`;
  const start = 'timeout "$1" tcpdump -l -n ${6:+"$6"} -i "$2" -c "$3" "$4" >"$5.out" 2>"$5.err" </dev/null & echo $! >"$5.pid"';
  await node.run(['sh', '-c', start, 'capture', String(opts.seconds), opts.iface, String(opts.count), opts.filter, base, ...(opts.hex ? ['-x'] : [])]);
  const read = (suffix: string) => node.run(['cat', `${base}.${suffix}`], { nothrow: true }).then((r) => r.stdout);
  const deadline = Date.now() + 5000;
  while (!(await read('err')).includes('listening on') && Date.now() < deadline) await sleep(20);
  await action();
  // tcpdump ends by itself: after `count` packets, or when `timeout` stops it.
  const end = Date.now() + opts.seconds * 1000 + 1000;
  const running = 'kill -0 "$(cat "$1.pid")" 2>/dev/null';
  while ((await node.run(['sh', '-c', running, 'running', base], { nothrow: true })).ok && Date.now() < end) await sleep(50);
  const text = await read('out');
  await node.run(['rm', '-f', `${base}.out`, `${base}.err`, `${base}.pid`], { nothrow: true });
  return text;
}
