import * as z from 'zod';
import type { CheckSpecKind } from './spec.js';
import { checkFields, unknownName } from './fields.js';
import { centralNames, type Lab } from '../model.js';

const schema = z.strictObject({
  ...checkFields('daemons'),
  nodes: z.array(z.string()).min(1).optional().describe('central and chassis nodes whose daemons must run (default: all)'),
});
export type DaemonsCheck = z.infer<typeof schema>;

/** The central and chassis nodes a daemons check covers. */
export function ovnNodes(lab: Lab, spec: DaemonsCheck): string[] {
  return [...centralNames(lab), ...lab.chassis.map((c) => c.name)].filter((n) => !spec.nodes || spec.nodes.includes(n));
}

/**
 * The lab's own daemons are alive: a dead or zombie ovn-controller leaves its last flows in
 * place, so every other check could still pass on a lab that no longer follows the NB database.
 */
export const daemonsSpec: CheckSpecKind<DaemonsCheck> = {
  kind: 'daemons',
  summary: 'the OVS/OVN daemons of central and chassis are running (not dead, not zombies)',
  schema,
  validate(spec, lab) {
    const names = [...centralNames(lab), ...lab.chassis.map((c) => c.name)];
    return (spec.nodes ?? []).flatMap((n, i) => {
      const message = unknownName('central or chassis node', n, names);
      return message ? [{ field: `nodes.${i}`, message }] : [];
    });
  },
  negative: () => false,
  expected(spec, lab) {
    return `ovsdb, northd, vswitchd and ovn-controller running on ${ovnNodes(lab, spec).join(', ')}`;
  },
};
