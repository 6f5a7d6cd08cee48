import type { CheckBase } from '../topology/model.js';
import { checkSpec } from '../topology/checks/registry.js';
import type { CheckKind, CheckProbe } from './check.js';
import { aclLogProbe } from './kinds/acl-log.js';
import { boundProbe } from './kinds/bound.js';
import { bridgeProbe } from './kinds/bridge.js';
import { interfaceProbe } from './kinds/interface.js';
import { logicalPortProbe } from './kinds/logical-port.js';
import { logProbe } from './kinds/log.js';
import { routeProbe } from './kinds/route.js';
import { captureProbe } from './kinds/capture.js';
import { chassisProbe } from './kinds/chassis.js';
import { clusterProbe } from './kinds/cluster.js';
import { connectProbe } from './kinds/connect.js';
import { conntrackProbe } from './kinds/conntrack.js';
import { daemonsProbe } from './kinds/daemons.js';
import { dhcpProbe } from './kinds/dhcp.js';
import { execProbe } from './kinds/exec.js';
import { flowProbe } from './kinds/flow.js';
import { httpProbe } from './kinds/http.js';
import { localProbe } from './kinds/local.js';
import { pingProbe } from './kinds/ping.js';
import { startProbe, stopProbe } from './kinds/service.js';
import { stepProbe } from './kinds/step.js';
import { traceProbe } from './kinds/trace.js';
import { tunnelsProbe } from './kinds/tunnels.js';

/** How each kind is tried against a running lab; only the test runner loads these. */
const PROBES: CheckProbe<never>[] = [dhcpProbe, pingProbe, flowProbe, traceProbe, boundProbe, chassisProbe, tunnelsProbe, localProbe, connectProbe, httpProbe, aclLogProbe, captureProbe, conntrackProbe, daemonsProbe, interfaceProbe, bridgeProbe, logicalPortProbe, routeProbe, logProbe, clusterProbe, stepProbe, execProbe, stopProbe, startProbe];

/** A kind's spec (from the file format) with its probe. */
export function checkKind(kind: string): CheckKind<CheckBase> {
  const probe = PROBES.find((p) => p.kind === kind);
  if (!probe) throw new Error(`check kind '${kind}' has no probe`);
  return { ...checkSpec(kind), attempt: (probe as unknown as CheckProbe<CheckBase>).attempt };
}
