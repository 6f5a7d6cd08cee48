import * as z from 'zod';
import { checkFields, chassisProblems } from './fields.js';
import type { CheckSpecKind } from './spec.js';

const address = z.string().regex(/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:]*)$/, 'an IPv4 address, or an IPv6 address in lower case');

/** One direction of a connection: addresses and ports as conntrack shows them. */
const tuple = z
  .strictObject({
    src: address.optional(),
    dst: address.optional(),
    sport: z.number().int().min(1).max(65535).optional(),
    dport: z.number().int().min(1).max(65535).optional(),
  })
  .describe('addresses (IPv4 or IPv6) and ports; what is left out matches anything');

/** A value, or value/mask: the bits of the mask must be those of the value (hex with 0x, or decimal). */
const MASKED = /^(0x[0-9a-f]+|\d+)(\/(0x[0-9a-f]+|\d+))?$/;
const masked = (what: string) =>
  z.union([
    z.number().min(0).refine(Number.isSafeInteger, `a number this big loses its low bits in YAML: write it in quotes, like '0x3d000000000000000000000000'`),
    z.string().regex(MASKED, `${what}: a number (0x1f or 31), or value/mask like 0x2/0x2`),
  ]);

const schema = z.strictObject({
  ...checkFields('conntrack'),
  chassis: z.string().describe("the chassis whose datapath conntrack is read (a gateway's NAT is on the gateway chassis)"),
  proto: z.enum(['icmp', 'icmpv6', 'tcp', 'udp']).optional(),
  original: tuple.optional().describe('the direction the connection was opened in'),
  reply: tuple.optional().describe('the direction answers come in: after NAT, its dst is the translated address'),
  zone: z.number().int().min(0).max(65535).optional().describe('the conntrack zone (0 is the zone OVS prints no zone= for)'),
  mark: masked('mark').optional().describe("the entry's ct_mark (32 bits), or value/mask for some bits: OVN's ct_mark.natted is 0x2/0x2"),
  labels: masked('labels').optional().describe("the entry's ct_label (128 bits), or value/mask for some bits: an ACL's label is in the top 32 bits"),
  acl_label: z.number().int().min(0).max(4294967295).optional().describe("the label of the ACL that allowed the connection (an ACL's label:), which OVN keeps in ct_label's top 32 bits (ct_label.label)"),
  expect: z.enum(['present', 'absent', 'gone']).default('present').describe('present; absent (none for the whole timeout); gone (waited for: passes once none is left)'),
});
export type ConntrackCheck = z.infer<typeof schema>;

/** A masked value as numbers: `0x2/0x2` → value 2, mask 2; a bare value has every bit in its mask. */
export function parseMasked(v: number | string): { value: bigint; mask?: bigint } {
  const [value, mask] = String(v).split('/');
  return { value: BigInt(value ?? '0'), ...(mask !== undefined ? { mask: BigInt(mask) } : {}) };
}

export const conntrackSpec: CheckSpecKind<ConntrackCheck> = {
  kind: 'conntrack',
  summary: "a connection tracking entry on a chassis' datapath with the given original and reply tuples (NAT seen from the gateway's side), zone, mark and labels",
  schema,
  validate(spec, lab) {
    const problems = [...chassisProblems(lab, spec.chassis), ...(!spec.original && !spec.reply ? [{ field: 'kind', message: 'say what to look for: original, reply, or both' }] : [])];
    for (const [field, bits] of [
      ['mark', 32n],
      ['labels', 128n],
    ] as const) {
      const v = spec[field];
      if (v === undefined) continue;
      const { value, mask } = parseMasked(v);
      if (value >> bits !== 0n || (mask ?? 0n) >> bits !== 0n) problems.push({ field, message: `${field} has ${bits} bits: ${v} is too big` });
      else if (mask !== undefined && (value & ~mask) !== 0n) problems.push({ field, message: `${v}: the value has bits outside its mask; write value/mask with value's bits inside mask` });
    }
    return problems;
  },
  negative: (spec) => spec.expect === 'absent',
  expected(spec) {
    const t = (x?: Record<string, unknown>) =>
      x
        ? Object.entries(x)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(',')
        : '*';
    const extra = [spec.zone !== undefined && ` zone ${spec.zone}`, spec.mark !== undefined && ` mark ${spec.mark}`, spec.labels !== undefined && ` labels ${spec.labels}`, spec.acl_label !== undefined && ` ACL label ${spec.acl_label}`]
      .filter(Boolean)
      .join('');
    const which = spec.expect === 'present' ? 'an entry' : spec.expect === 'gone' ? 'no entry left (waited for)' : 'no entry';
    return `${which} on ${spec.chassis}: ${spec.proto ?? ''}${spec.proto ? ' ' : ''}orig(${t(spec.original)}) reply(${t(spec.reply)})${extra}`;
  },
};
