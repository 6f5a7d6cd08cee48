import * as z from 'zod';
import { checkFields, unknownName } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import type { Lab } from '../../topology/model.js';

const schema = z.strictObject({
  ...checkFields('bfd'),
  chassis: z.string().describe('the chassis whose tunnel is read (ovs-vsctl: the Interface with the peer as remote_ip, its bfd_status)'),
  peer: z.string().describe('the chassis at the other end of the tunnel'),
  state: z.enum(['up', 'down']).default('up').describe('up: BFD on, session up and forwarding; down: BFD on, session not up (down, or init: the peer is heard but hears nothing back); waits for it'),
});
export type BfdCheck = z.infer<typeof schema>;

function problems(spec: BfdCheck, lab: Lab): CheckProblem[] {
  const names = lab.chassis.map((c) => c.name);
  const out: CheckProblem[] = [];
  for (const field of ['chassis', 'peer'] as const) {
    const unknown = unknownName('chassis', spec[field], names);
    if (unknown) out.push({ field, message: unknown });
  }
  if (spec.chassis === spec.peer) out.push({ field: 'peer', message: 'a chassis has no tunnel to itself: name another chassis' });
  return out;
}

export const bfdSpec: CheckSpecKind<BfdCheck> = {
  kind: 'bfd',
  summary: "the BFD session OVN turned on over a chassis' tunnel to a peer is up (forwarding) or down, as OVS reports it (Interface bfd_status)",
  schema,
  validate: problems,
  negative: () => false,
  expected: (spec) => `BFD ${spec.chassis} → ${spec.peer}: ${spec.state === 'up' ? 'state up, forwarding' : 'state down, not forwarding'}`,
};
