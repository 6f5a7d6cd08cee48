import * as z from 'zod';
import { checkFields, familyField, nodeProblems, targetAddress } from './fields.js';
import type { CheckProblem, CheckSpecKind } from './spec.js';
import type { Lab } from '../model.js';

/** Echo requests the ping of a capture sends. */
export const CAPTURE_PINGS = 2;

const address = z.string().regex(/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:]*)$/, 'an IPv4 address, or an IPv6 address in lower case');

/** Traffic a check makes while it looks: from a node, a ping or a connection (capture, flow, datapath_flow). */
export const trafficWhile = z.strictObject({
  from: z.string().describe('the node that sends'),
  family: familyField,
  ping: z.string().optional().describe(`ping this VM, host or address (${CAPTURE_PINGS} packets)`),
  connect: z.strictObject({ to: z.string(), port: z.number().int().min(1).max(65535), proto: z.enum(['tcp', 'udp']).default('tcp') }).optional(),
});
export type TrafficWhile = z.infer<typeof trafficWhile>;

/** Problems of a `while:`: its node, one action, a target with an address. */
export function trafficProblems(lab: Lab, w: TrafficWhile): CheckProblem[] {
  const problems = nodeProblems(lab, { 'while.from': w.from });
  if ([w.ping, w.connect].filter((a) => a !== undefined).length !== 1) problems.push({ field: 'while', message: 'while does one of: ping, connect' });
  const target = w.ping ?? w.connect?.to;
  if (target !== undefined && !targetAddress(lab, target, w.family)) problems.push({ field: 'while', message: `'${target}' is neither a VM, host or namespace with an address in this lab nor an IPv4 or IPv6 address` });
  return problems;
}

/** What a `while:` does, in words. */
export const trafficText = (w: TrafficWhile) => `${w.from} ${w.ping ? `pings ${w.ping}` : `connects to ${w.connect?.to}:${w.connect?.port}`}`;

const schema = z.strictObject({
  ...checkFields('capture'),
  on: z.string().describe('the node that listens (a VM, host, chassis or central)'),
  interface: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'an interface name')
    .default('eth0'),
  filter: z
    .string()
    .regex(/^[A-Za-z0-9 ._:/()[\]!<>=&|-]*$/, 'a tcpdump filter (words, addresses, ports)')
    .default('ip')
    .describe("a tcpdump filter, e.g. 'icmp' or 'tcp port 80'"),
  while: trafficWhile.describe('what to do while listening: from a node, a ping or a connection'),
  src: address.optional().describe('the source address every captured packet must have (after NAT, the translated one)'),
  dst: address.optional().describe('the destination address every captured packet must have'),
  dscp: z.number().int().min(0).max(63).optional().describe('the DSCP value every captured packet must carry (the top six bits of its IPv4 TOS byte or IPv6 traffic class, read with tcpdump -v): 46 is EF, 0 unmarked'),
  count: z.number().int().min(1).max(100).default(1).describe(`packets to wait for: at most what the action sends (a ping ${CAPTURE_PINGS}, a UDP connection 1)`),
  expect: z.enum(['present', 'absent']).default('present'),
});
export type CaptureCheck = z.infer<typeof schema>;

export const captureSpec: CheckSpecKind<CaptureCheck> = {
  kind: 'capture',
  summary: 'while a node pings or connects, another node receives packets with the expected source and destination (NAT seen from the receiver)',
  schema,
  validate(spec, lab) {
    const problems = [...nodeProblems(lab, { on: spec.on }), ...trafficProblems(lab, spec.while)];
    const tooMany = countProblem(spec);
    if (tooMany) problems.push({ field: 'count', message: tooMany });
    return problems;
  },
  negative: (spec) => spec.expect === 'absent',
  expected(spec) {
    const what = [spec.src && `from ${spec.src}`, spec.dst && `to ${spec.dst}`, spec.dscp !== undefined && `with DSCP ${spec.dscp}`].filter(Boolean).join(' ');
    return `${spec.on} ${spec.expect === 'present' ? `receives ${spec.count}+` : 'receives no'} '${spec.filter}' packet${spec.count > 1 ? 's' : ''}${what ? ` ${what}` : ''} while ${trafficText(spec.while)}`;
  },
};

/** What the action sends, when it is a known number of packets: a ping's echo requests, a UDP connection's datagram (a TCP connection's depend on the server). */
function packetsSent(w: CaptureCheck['while']): { packets: number; what: string } | undefined {
  if (w.ping !== undefined) return { packets: CAPTURE_PINGS, what: `a ping sends ${CAPTURE_PINGS} echo requests` };
  if (w.connect?.proto === 'udp') return { packets: 1, what: 'a UDP connection sends 1 datagram' };
  return undefined;
}

/** A count above what the action sends: the capture would wait for packets that never come. */
function countProblem(spec: CaptureCheck): string | undefined {
  const sent = spec.expect === 'present' ? packetsSent(spec.while) : undefined;
  if (!sent || spec.count <= sent.packets) return undefined;
  return `count ${spec.count} is more than the action sends (${sent.what}), so the capture waits for packets that never come: give count: ${sent.packets} or less`;
}
