import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, nodeProblems } from './fields.js';

const schema = z.strictObject({
  ...checkFields('interface'),
  node: z.string().describe('the node (VM, host, namespace, chassis or central)'),
  interface: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,15}$/, 'an interface name like eth0')
    .default('eth0'),
  mtu: z.number().int().positive().optional().describe('its MTU'),
  mac: z
    .string()
    .regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'a MAC in lower case')
    .optional()
    .describe('its MAC'),
  addresses: z.array(z.string()).min(1).optional().describe('addresses with prefix it must have, e.g. [172.16.255.130/26]'),
});
export type InterfaceCheck = z.infer<typeof schema>;

export const interfaceSpec: CheckSpecKind<InterfaceCheck> = {
  kind: 'interface',
  summary: "a node's interface is up with the expected MTU, MAC and addresses (ip link / ip addr)",
  schema,
  validate: (spec, lab) => nodeProblems(lab, { node: spec.node }),
  negative: () => false,
  expected: (spec) => [`${spec.node} ${spec.interface} up`, spec.mtu && `mtu ${spec.mtu}`, spec.mac && `mac ${spec.mac}`, ...(spec.addresses ?? [])].filter(Boolean).join(', '),
};
