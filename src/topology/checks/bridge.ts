import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, chassisProblems } from './fields.js';

const glob = z.string().regex(/^[A-Za-z0-9_.:*-]+$/, 'a name, with * for any characters');

const schema = z.strictObject({
  ...checkFields('bridge'),
  chassis: z.string().describe('the chassis whose OVS is looked at'),
  bridge: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,15}$/, 'a bridge name like br-ex')
    .describe('br-int, br-ex, …'),
  port: glob.describe("the port's name; * stands for any characters, e.g. patch-*-to-br-int"),
  type: z
    .string()
    .regex(/^[a-z]*$/, 'an interface type like patch')
    .optional()
    .describe('its interface type: patch, geneve, vxlan, internal, "" (a plain device)'),
  options: z
    .record(z.string().regex(/^[a-z_]+$/), glob)
    .optional()
    .describe('options it must have, * allowed, e.g. { peer: patch-br-int-to-* }'),
  external_ids: z
    .record(z.string().regex(/^[a-z_-]+$/), glob)
    .optional()
    .describe('external_ids its interface must have, e.g. { iface-id: net-meta }'),
  trunks: z.array(z.number().int().min(0).max(4095)).optional().describe('the VLANs the port trunks, e.g. [10, 20]'),
  vlan_mode: z.enum(['trunk', 'access', 'native-tagged', 'native-untagged']).optional().describe("the port's vlan_mode"),
  expect: z.enum(['present', 'absent']).default('present'),
});
export type BridgeCheck = z.infer<typeof schema>;

/** A name pattern with * as a regular expression. */
export function globRegex(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export const bridgeSpec: CheckSpecKind<BridgeCheck> = {
  kind: 'bridge',
  summary: 'an OVS bridge on a chassis has (or lacks) a port of a type with options (ovs-vsctl show)',
  schema,
  validate(spec, lab) {
    return chassisProblems(lab, spec.chassis);
  },
  negative: (spec) => spec.expect === 'absent',
  expected: (spec) =>
    `${spec.expect === 'present' ? '' : 'no '}port ${spec.port} on ${spec.chassis}'s ${spec.bridge}${spec.type !== undefined ? ` of type ${spec.type || 'system'}` : ''}${[...Object.entries(spec.options ?? {}), ...Object.entries(spec.external_ids ?? {}), ...(spec.vlan_mode ? [['vlan_mode', spec.vlan_mode]] : []), ...(spec.trunks ? [['trunks', spec.trunks.join(',')]] : [])].map(([k, v], i) => `${i ? '' : ' with '}${k}=${v}`).join(' ')}`,
};
