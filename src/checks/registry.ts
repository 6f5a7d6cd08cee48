import { z } from 'zod';
import type { CheckBase, CheckKind } from './check.js';
import { boundCheck } from './kinds/bound.js';
import { chassisCheck } from './kinds/chassis.js';
import { daemonsCheck } from './kinds/daemons.js';
import { dhcpCheck } from './kinds/dhcp.js';
import { execCheck } from './kinds/exec.js';
import { flowCheck } from './kinds/flow.js';
import { localCheck } from './kinds/local.js';
import { startCheck, stopCheck } from './kinds/service.js';
import { pingCheck } from './kinds/ping.js';
import { traceCheck } from './kinds/trace.js';
import { tunnelsCheck } from './kinds/tunnels.js';

/** Every check kind, by the name used in `kind:`. */
export const CHECK_KINDS = [dhcpCheck, pingCheck, flowCheck, traceCheck, boundCheck, chassisCheck, tunnelsCheck, localCheck, daemonsCheck, execCheck, stopCheck, startCheck] as const;

export function checkKind(kind: string): CheckKind<CheckBase> {
  const found = CHECK_KINDS.find((k) => k.kind === kind);
  if (!found) throw new Error(`unknown check kind '${kind}' (kinds: ${CHECK_KINDS.map((k) => k.kind).join(', ')})`);
  return found as unknown as CheckKind<CheckBase>;
}

/** The schema of one entry of `checks:`, chosen by its kind. */
export const checkSchema = z.discriminatedUnion(
  'kind',
  CHECK_KINDS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

export type CheckSpec = CheckBase & Record<string, unknown>;
