import * as z from 'zod';
import { checkFields, targetAddress, unknownName } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import type { Lab } from '../../topology/model.js';
import type { Mirror } from './model.js';

/** Echo requests the ping of a mirror check sends. */
export const MIRROR_PINGS = 2;

const schema = z.strictObject({
  ...checkFields('mirror'),
  mirror: z.string().describe('the mirror whose collector listens: its sink node captures GRE on its underlay interface (eth0)'),
  while: z
    .strictObject({
      from: z.string().describe('the VM that pings'),
      ping: z.string().describe(`the VM, host or address it pings (${MIRROR_PINGS} echo requests)`),
    })
    .describe('the traffic that is mirrored, or not: a VM pings'),
  packets: z.enum(['request', 'reply']).default('request').describe("which inner packets are counted: the ping's ICMP echo requests (from → ping) or its echo replies (ping → from)"),
  count: z.number().int().min(1).max(MIRROR_PINGS).default(MIRROR_PINGS).describe(`mirrored packets of that kind to wait for (at most the ping's ${MIRROR_PINGS})`),
  expect: z.enum(['present', 'absent']).default('present').describe("present: the collector receives them, in the mirror's tunnel (GRE key, or ERSPAN session) from the VM's chassis; absent: none arrive in it"),
});
export type MirrorCheck = z.infer<typeof schema>;

/** The mirror a check names. */
export function mirrorOf(spec: MirrorCheck, lab: Lab): Mirror | undefined {
  return lab.mirrors?.find((m) => m.name === spec.mirror);
}

/** The inner packets a check counts: source and destination of the echo requests, or of the replies. */
export function innerAddresses(spec: MirrorCheck, lab: Lab): { src: string; dst: string } {
  const from = lab.vms.find((v) => v.name === spec.while.from)?.ip ?? '?';
  const to = targetAddress(lab, spec.while.ping) ?? '?';
  return spec.packets === 'request' ? { src: from, dst: to } : { src: to, dst: from };
}

function problems(spec: MirrorCheck, lab: Lab): CheckProblem[] {
  const out: CheckProblem[] = [];
  const mirror = unknownName(
    'mirror',
    spec.mirror,
    (lab.mirrors ?? []).map((m) => m.name),
  );
  if (mirror) out.push({ field: 'mirror', message: mirror });
  const from = unknownName(
    'VM',
    spec.while.from,
    lab.vms.map((v) => v.name),
  );
  if (from) out.push({ field: 'while.from', message: from });
  else if (lab.vms.find((v) => v.name === spec.while.from)?.ip === undefined) out.push({ field: 'while.from', message: `${spec.while.from} has no IPv4 address: the check counts IPv4 ICMP echoes` });
  const to = targetAddress(lab, spec.while.ping);
  if (to === undefined || to.includes(':')) out.push({ field: 'while.ping', message: `'${spec.while.ping}' is neither a VM, host or namespace with an IPv4 address in this lab nor an IPv4 address` });
  return out;
}

export const mirrorSpec: CheckSpecKind<MirrorCheck> = {
  kind: 'mirror',
  summary: "while a VM pings, a mirror's collector receives (or not) its GRE or ERSPAN copies carrying the ping's echo requests or replies",
  schema,
  validate: problems,
  negative: (spec) => spec.expect === 'absent',
  expected(spec, lab) {
    const m = mirrorOf(spec, lab);
    const tunnel = m ? (m.type === 'gre' ? `GRE key ${m.index}` : `ERSPAN session ${m.index}`) : spec.mirror;
    const { src, dst } = innerAddresses(spec, lab);
    const what = `ICMP echo ${spec.packets}${spec.count > 1 && spec.expect === 'present' ? 's' : ''} ${src} > ${dst}`;
    return `${m?.sink ?? '?'} receives ${spec.expect === 'present' ? `${spec.count}+` : 'no'} ${tunnel} ${what} while ${spec.while.from} pings ${spec.while.ping}`;
  },
};
