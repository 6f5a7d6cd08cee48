import { z } from 'zod';
import { checkFields, unknownName } from './fields.js';
import type { CheckSpecKind } from './spec.js';

/** One direction of a connection: addresses and ports as conntrack shows them. */
const tuple = z
  .strictObject({
    src: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address')
      .optional(),
    dst: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address')
      .optional(),
    sport: z.number().int().min(1).max(65535).optional(),
    dport: z.number().int().min(1).max(65535).optional(),
  })
  .describe('addresses and ports; what is left out matches anything');

const schema = z.strictObject({
  ...checkFields('conntrack'),
  chassis: z.string().describe("the chassis whose datapath conntrack is read (a gateway's NAT is on the gateway chassis)"),
  proto: z.enum(['icmp', 'tcp', 'udp']).optional(),
  original: tuple.optional().describe('the direction the connection was opened in'),
  reply: tuple.optional().describe('the direction answers come in: after NAT, its dst is the translated address'),
  zone: z.number().int().min(0).max(65535).optional(),
  expect: z.enum(['present', 'absent']).default('present'),
});
export type ConntrackCheck = z.infer<typeof schema>;

export const conntrackSpec: CheckSpecKind<ConntrackCheck> = {
  kind: 'conntrack',
  summary: "a connection tracking entry on a chassis' datapath with the given original and reply tuples (NAT seen from the gateway's side)",
  schema,
  validate(spec, lab) {
    const problem = unknownName(
      'chassis',
      spec.chassis,
      lab.chassis.map((c) => c.name),
    );
    return [...(problem ? [{ field: 'chassis', message: problem }] : []), ...(!spec.original && !spec.reply ? [{ field: 'kind', message: 'say what to look for: original, reply, or both' }] : [])];
  },
  negative: (spec) => spec.expect === 'absent',
  expected(spec) {
    const t = (x?: z.infer<typeof tuple>) =>
      x
        ? Object.entries(x)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')
        : '*';
    return `${spec.expect === 'present' ? 'an' : 'no'} entry on ${spec.chassis}: ${spec.proto ?? ''}${spec.proto ? ' ' : ''}orig(${t(spec.original)}) reply(${t(spec.reply)})${spec.zone !== undefined ? ` zone ${spec.zone}` : ''}`;
  },
};
