import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields } from './fields.js';

const schema = z.strictObject({
  ...checkFields('logical_port'),
  port: z.string().min(1).describe('the logical switch port name'),
  type: z
    .string()
    .regex(/^[a-z]*$/, 'a port type like localport')
    .optional()
    .describe('its type: "" (a VM), router, localnet, localport, external, …'),
  addresses: z.string().optional().describe('text its addresses contain, e.g. "02:00:0a:32:00:02 10.50.0.2"'),
  switch: z.string().optional().describe('the logical switch it is on'),
  parent: z.string().optional().describe('its parent port (a VLAN child port of a trunk)'),
  tag: z.number().int().min(1).max(4094).optional().describe('its VLAN tag on the parent'),
});
export type LogicalPortCheck = z.infer<typeof schema>;

export const logicalPortSpec: CheckSpecKind<LogicalPortCheck> = {
  kind: 'logical_port',
  summary: 'a logical switch port is in the NB database with the expected type, addresses and switch (ovn-nbctl show)',
  schema,
  validate: () => [],
  negative: () => false,
  expected: (spec) =>
    [`port ${spec.port}`, spec.switch && `on ${spec.switch}`, spec.type !== undefined && `type ${spec.type || '""'}`, spec.parent && `parent ${spec.parent}`, spec.tag && `tag ${spec.tag}`, spec.addresses && `addresses ${spec.addresses}`]
      .filter(Boolean)
      .join(', '),
};
