import { z } from 'zod';
import type { CheckBase } from '../model.js';
import { aclLogSpec } from './acl-log.js';
import { boundSpec } from './bound.js';
import { bridgeSpec } from './bridge.js';
import { interfaceSpec } from './interface.js';
import { logicalPortSpec } from './logical-port.js';
import { logSpec } from './log.js';
import { routeSpec } from './route.js';
import { captureSpec } from './capture.js';
import { chassisSpec } from './chassis.js';
import { clusterSpec } from './cluster.js';
import { connectSpec } from './connect.js';
import { conntrackSpec } from './conntrack.js';
import { daemonsSpec } from './daemons.js';
import { dhcpSpec } from './dhcp.js';
import { execSpec } from './exec.js';
import { flowSpec } from './flow.js';
import { httpSpec } from './http.js';
import { localSpec } from './local.js';
import { pingSpec } from './ping.js';
import { startSpec, stopSpec } from './service.js';
import { stepSpec } from './step.js';
import type { CheckSpecKind } from './spec.js';
import { traceSpec } from './trace.js';
import { tunnelsSpec } from './tunnels.js';

/** Every check kind the format knows, by the name used in `kind:`. */
export const CHECK_SPECS = [dhcpSpec, pingSpec, flowSpec, traceSpec, boundSpec, chassisSpec, tunnelsSpec, localSpec, connectSpec, httpSpec, aclLogSpec, captureSpec, conntrackSpec, daemonsSpec, interfaceSpec, bridgeSpec, logicalPortSpec, routeSpec, logSpec, clusterSpec, stepSpec, execSpec, stopSpec, startSpec] as const;

export function checkSpec(kind: string): CheckSpecKind<CheckBase> {
  const found = CHECK_SPECS.find((k) => k.kind === kind);
  if (!found) throw new Error(`unknown check kind '${kind}' (kinds: ${CHECK_SPECS.map((k) => k.kind).join(', ')})`);
  return found as unknown as CheckSpecKind<CheckBase>;
}

/** The schema of one entry of `checks:`, chosen by its kind. */
export const checkSchema = z.discriminatedUnion(
  'kind',
  CHECK_SPECS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]],
);
