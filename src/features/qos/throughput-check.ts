import * as z from 'zod';
import { checkFields, targetAddress } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import type { Lab } from '../../topology/model.js';

/** A rate as written: `2.5 Mbit/s`, `800 kbit/s`, `1 Gbit/s`. */
const rate = z
  .string()
  .regex(/^\d+(\.\d+)? ?[kMG]bit\/s$/, "a rate like '2.5 Mbit/s', '800 kbit/s' or '1 Gbit/s'")
  .describe("a rate like '2.5 Mbit/s', '800 kbit/s' or '1 Gbit/s' (of payload, as the receiver counts it)");

const schema = z.strictObject({
  ...checkFields('throughput'),
  from: z.string().describe('the VM or host that sends'),
  to: z.string().describe('the VM or host that receives (the probe runs its receiver there)'),
  proto: z.enum(['udp', 'tcp']).default('udp').describe('udp: datagrams sent as fast as the sender can (what a policer drops shows as a lower rate); tcp: one connection (TCP backs off when a policer drops)'),
  port: z.number().int().min(1).max(65535).default(5201).describe('the port the receiver listens on'),
  seconds: z.number().min(1).max(30).default(3).describe('how long the sender sends'),
  size: z.number().int().min(64).max(8900).default(1200).describe("bytes of payload per send (a UDP datagram's; keep it under the VMs' MTU)"),
  min: rate.optional().describe("the received rate (payload, first byte to last) is at least this: '1 Mbit/s', '800 kbit/s', '1 Gbit/s'"),
  max: rate.optional().describe("the received rate is at most this: '2.5 Mbit/s', '800 kbit/s', '1 Gbit/s'"),
});
export type ThroughputCheck = z.infer<typeof schema>;

const SCALE: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9 };

/** Bits per second of a rate as written. */
export function bitsPerSecond(text: string): number {
  const m = /^(\d+(?:\.\d+)?) ?([kMG])bit\/s$/.exec(text);
  return m ? Number(m[1]) * SCALE[m[2]!]! : NaN;
}

/** A rate for people: `2.00 Mbit/s`, `812 kbit/s`. */
export function formatRate(bps: number): string {
  if (bps >= 1e9) return `${(bps / 1e9).toFixed(2)} Gbit/s`;
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(2)} Mbit/s`;
  return `${(bps / 1e3).toFixed(0)} kbit/s`;
}

/** The address the sender sends to: the receiver's IPv4 address. */
export function receiverAddress(spec: ThroughputCheck, lab: Lab): string | undefined {
  return targetAddress(lab, spec.to);
}

function problems(spec: ThroughputCheck, lab: Lab): CheckProblem[] {
  const ends = [...lab.vms, ...lab.hosts].map((n) => n.name);
  const out: CheckProblem[] = [];
  for (const field of ['from', 'to'] as const) {
    if (!ends.includes(spec[field])) out.push({ field, message: `unknown VM or host '${spec[field]}' (VMs and hosts in this lab: ${ends.join(', ') || 'none'})` });
  }
  if (spec.from === spec.to) out.push({ field: 'to', message: `${spec.to} would send to itself: give another VM or host` });
  else if (ends.includes(spec.to) && !receiverAddress(spec, lab)) out.push({ field: 'to', message: `'${spec.to}' has no IPv4 address to send to` });
  if (spec.min === undefined && spec.max === undefined) out.push({ field: 'max', message: 'a throughput check compares the rate with min:, max: or both: give at least one' });
  if (spec.min !== undefined && spec.max !== undefined && bitsPerSecond(spec.min) > bitsPerSecond(spec.max)) out.push({ field: 'min', message: `min ${spec.min} is above max ${spec.max}: no rate can pass` });
  return out;
}

export const throughputSpec: CheckSpecKind<ThroughputCheck> = {
  kind: 'throughput',
  summary: 'a VM or host sends to another for a few seconds (UDP or TCP); the rate the receiver counts is within min/max',
  schema,
  validate: problems,
  negative: () => false,
  expected: (spec) => `${spec.proto} ${spec.from} → ${spec.to}:${spec.port} for ${spec.seconds} s: received ${[spec.min && `at least ${spec.min}`, spec.max && `at most ${spec.max}`].filter(Boolean).join(' and ')}`,
};
