import * as z from 'zod';
import { checkFields, unknownName } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import type { Lab } from '../../topology/model.js';
import { gatewayPorts } from './resolve.js';

const schema = z.strictObject({
  ...checkFields('gateway'),
  port: z.string().describe('the gateway port: a router port with gateway_chassis or an HA chassis group (its cr-<port> is what the SB binds)'),
  chassis: z.string().describe('the chassis it must be resident on: the one its cr-<port> Port_Binding names (waits for it to move there)'),
  ha_chassis: z.array(z.string()).min(1).optional().describe('the chassis of the SB HA_Chassis_Group northd made for the port, highest priority first (default: not compared)'),
});
export type GatewayCheck = z.infer<typeof schema>;

/** The chassisredirect port OVN makes for a gateway port, whose binding says where the gateway is. */
export function redirectPort(port: string): string {
  return `cr-${port}`;
}

function problems(spec: GatewayCheck, lab: Lab): CheckProblem[] {
  const gateways = gatewayPorts(lab);
  const chassis = gateways.get(spec.port);
  if (!chassis) return [{ field: 'port', message: `'${spec.port}' is not a gateway port of this lab (gateway ports: ${[...gateways.keys()].join(', ') || 'none'}): give it gateway_chassis or an HA chassis group` }];
  const out: CheckProblem[] = [];
  if (!chassis.includes(spec.chassis))
    out.push({
      field: 'chassis',
      message:
        unknownName(
          'chassis',
          spec.chassis,
          lab.chassis.map((c) => c.name),
        ) ?? `${spec.port} can only be on its gateway chassis: ${chassis.join(', ')}`,
    });
  (spec.ha_chassis ?? []).forEach((c, i) => {
    const unknown = unknownName(
      'chassis',
      c,
      lab.chassis.map((x) => x.name),
    );
    if (unknown) out.push({ field: `ha_chassis.${i}`, message: unknown });
  });
  return out;
}

export const gatewaySpec: CheckSpecKind<GatewayCheck> = {
  kind: 'gateway',
  summary: "a gateway port is resident on the expected chassis (SB Port_Binding of its cr- port), waiting for it to move there; says when it moved; optionally the SB's HA chassis in priority order",
  schema,
  validate: problems,
  negative: () => false,
  expected: (spec) => `${redirectPort(spec.port)} on ${spec.chassis}${spec.ha_chassis ? `, HA chassis ${spec.ha_chassis.join(' > ')}` : ''}`,
};
