import * as z from 'zod';
import { boundSpec } from './bound.js';
import { bridgeSpec } from './bridge.js';
import { interfaceSpec } from './interface.js';
import { logicalPortSpec } from './logical-port.js';
import { logSpec } from './log.js';
import { routeSpec } from './route.js';
import { captureSpec } from './capture.js';
import { chassisSpec } from './chassis.js';
import { connectSpec } from './connect.js';
import { conntrackSpec } from './conntrack.js';
import { daemonsSpec } from './daemons.js';
import { datapathFlowSpec } from './datapath-flow.js';
import { groupSpec } from './group.js';
import { dhcpSpec } from './dhcp.js';
import { execSpec } from './exec.js';
import { flowSpec } from './flow.js';
import { httpSpec } from './http.js';
import { localSpec } from './local.js';
import { pingSpec } from './ping.js';
import { startSpec, stopSpec } from './service.js';
import { stepSpec } from './step.js';
import { traceSpec } from './trace.js';
import { tunnelsSpec } from './tunnels.js';

/** The core's check kinds, by the name used in `kind:` (features add theirs: see all.ts). */
export const CHECK_SPECS = [
  dhcpSpec,
  pingSpec,
  flowSpec,
  traceSpec,
  boundSpec,
  chassisSpec,
  tunnelsSpec,
  localSpec,
  connectSpec,
  httpSpec,
  captureSpec,
  conntrackSpec,
  groupSpec,
  datapathFlowSpec,
  daemonsSpec,
  interfaceSpec,
  bridgeSpec,
  logicalPortSpec,
  routeSpec,
  logSpec,
  stepSpec,
  execSpec,
  stopSpec,
  startSpec,
] as const;

/** The schema of one entry of `checks:` of the core's kinds (topology/schema.ts adds the features'). */
export const checkSchema = z.discriminatedUnion('kind', CHECK_SPECS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]]);
