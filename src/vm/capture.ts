import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeShell } from '../ovn/node-shell.js';

/** A packet as tcpdump -n prints it: its addresses (ports stripped) and the line; with -v, its IP header's traffic class. */
export interface CapturedPacket {
  src: string;
  dst: string;
  line: string;
  /** The IPv4 TOS byte or IPv6 traffic class (DSCP and ECN), when tcpdump -v printed it. */
  tos?: number;
}

/**
 * Reads `IP 10.0.0.1.43790 > 10.0.0.2.80: Flags [S]…`, `IP 10.0.0.1 > 10.0.0.2: ICMP echo request…`
 * and their IPv6 forms (`IP6 fd00::1.43790 > fd00::2.80: …`, `IP6 fd00::1 > fd00::2: ICMP6, echo request…`).
 */
export function parseTcpdump(text: string): CapturedPacket[] {
  if (/ IP6? \(/.test(text)) return parseVerbose(text);
  return text.split('\n').flatMap((line) => {
    const v4 = / IP (\d+\.\d+\.\d+\.\d+)(?:\.\d+)? > (\d+\.\d+\.\d+\.\d+)(?:\.\d+)?: /.exec(line);
    if (v4) return [{ src: v4[1]!, dst: v4[2]!, line: line.trim() }];
    const v6 = / IP6 ([0-9a-f:]+?)(?:\.\d+)? > ([0-9a-f:]+?)(?:\.\d+)?: /.exec(line);
    return v6 ? [{ src: v6[1]!, dst: v6[2]!, line: line.trim() }] : [];
  });
}

/**
 * Reads tcpdump -v: `10:17:21.3 IP (tos 0xb8, ttl 64, …, length 84)` with the addresses on the next,
 * indented line, and `10:17:21.3 IP6 (class 0xb8, flowlabel 0x1, hlim 64, …) fd00::1 > fd00::2: …`
 * on one (without `class` when it is 0). Each packet's line reads `<time> IP (tos 0xb8) <addresses>: …`.
 */
function parseVerbose(text: string): CapturedPacket[] {
  const out: CapturedPacket[] = [];
  let header: { time: string; tos: number } | undefined;
  for (const line of text.split('\n')) {
    const v4 = /^(\S+) IP \(tos (0x[0-9a-f]+)/.exec(line);
    if (v4) {
      header = { time: v4[1]!, tos: Number(v4[2]) };
      continue;
    }
    const addresses = /^\s+(\d+\.\d+\.\d+\.\d+)(?:\.\d+)? > (\d+\.\d+\.\d+\.\d+)(?:\.\d+)?: /.exec(line);
    if (addresses && header) out.push({ src: addresses[1]!, dst: addresses[2]!, tos: header.tos, line: `${header.time} IP (tos 0x${header.tos.toString(16)}) ${line.trim()}` });
    header = undefined;
    const v6 = /^(\S+) IP6 \((.*?)\) (([0-9a-f:]+?)(?:\.\d+)? > ([0-9a-f:]+?)(?:\.\d+)?: .*)$/.exec(line);
    if (v6) {
      const tos = Number(/class (0x[0-9a-f]+)/.exec(v6[2]!)?.[1] ?? 0);
      out.push({ src: v6[4]!, dst: v6[5]!, tos, line: `${v6[1]} IP6 (class 0x${tos.toString(16)}) ${v6[3]}` });
    }
  }
  return out;
}

let serial = 0;

/** How long tcpdump may take to listen before the action runs anyway. */
const LISTEN_WAIT_S = 5;

/**
 * Listens on a node's interface while `action` runs elsewhere: tcpdump starts in the background
 * (its own files in the node's run directory), the action runs once tcpdump says it listens, and
 * the capture ends after `count` packets or `seconds`. Returns what arrived.
 */
export async function captureWhile(node: NodeShell, opts: { iface: string; filter: string; count: number; seconds: number; verbose?: boolean }, action: () => Promise<unknown>): Promise<CapturedPacket[]> {
  return parseTcpdump(await captureText(node, opts, action));
}

/**
 * The same capture, as tcpdump printed it; with `hex`, each packet's bytes from its IP header on
 * follow its line (-x); with `verbose`, its IP header's fields (TOS byte or traffic class) come
 * before its addresses (-v).
 */
export async function captureText(node: NodeShell, opts: { iface: string; filter: string; count: number; seconds: number; hex?: boolean; verbose?: boolean }, action: () => Promise<unknown>): Promise<string> {
  const base = `${node.runDir}/capture-${process.pid}-${(serial += 1)}`;
  const start = 'timeout "$1" tcpdump -l -n ${6:+"$6"} -i "$2" -c "$3" "$4" >"$5.out" 2>"$5.err" </dev/null & echo $! >"$5.pid"';
  const flags = `${opts.hex ? 'x' : ''}${opts.verbose ? 'v' : ''}`;
  // `timeout` is only a backstop (a capture this process no longer ends): the window is counted
  // below from the action, since tcpdump may take seconds to listen on a loaded machine.
  const backstop = opts.seconds + LISTEN_WAIT_S + 2;
  await node.run(['sh', '-c', start, 'capture', String(backstop), opts.iface, String(opts.count), opts.filter, base, ...(flags ? [`-${flags}`] : [])]);
  const read = (suffix: string) => node.run(['cat', `${base}.${suffix}`], { nothrow: true }).then((r) => r.stdout);
  const deadline = Date.now() + LISTEN_WAIT_S * 1000;
  while (!(await read('err')).includes('listening on') && Date.now() < deadline) await sleep(20);
  await action();
  // tcpdump ends by itself after `count` packets; else the window ends `seconds` after the action.
  const end = Date.now() + opts.seconds * 1000 + 1000;
  const running = 'kill -0 "$(cat "$1.pid")" 2>/dev/null';
  while ((await node.run(['sh', '-c', running, 'running', base], { nothrow: true })).ok && Date.now() < end) await sleep(50);
  // Still listening: ended by the PID it was started with (tcpdump -l has written what it saw).
  await node.run(['sh', '-c', 'kill "$(cat "$1.pid")" 2>/dev/null; true', 'stop', base], { nothrow: true });
  const text = await read('out');
  await node.run(['rm', '-f', `${base}.out`, `${base}.err`, `${base}.pid`], { nothrow: true });
  return text;
}
