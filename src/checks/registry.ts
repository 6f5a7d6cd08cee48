import type { CheckBase } from '../topology/model.js';
import { CHECK_SPECS } from '../topology/checks/registry.js';
import { checkSpec, FEATURE_CHECKS } from '../topology/checks/all.js';
import type { CheckSpecKind } from '../topology/checks/spec.js';
import type { CheckKind, CheckProbe } from './check.js';
import { boundProbe } from './kinds/bound.js';
import { bridgeProbe } from './kinds/bridge.js';
import { interfaceProbe } from './kinds/interface.js';
import { logicalPortProbe } from './kinds/logical-port.js';
import { logProbe } from './kinds/log.js';
import { routeProbe } from './kinds/route.js';
import { captureProbe } from './kinds/capture.js';
import { chassisProbe } from './kinds/chassis.js';
import { connectProbe } from './kinds/connect.js';
import { conntrackProbe } from './kinds/conntrack.js';
import { daemonsProbe } from './kinds/daemons.js';
import { datapathFlowProbe } from './kinds/datapath-flow.js';
import { groupProbe } from './kinds/group.js';
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

/** The check types of every kind the file format knows (the union of their specs' types). */
type SpecOf<T> = T extends CheckSpecKind<infer S> ? S : never;
type AnyCheck = SpecOf<(typeof CHECK_SPECS)[number]>;

/**
 * How each kind is tried against a running lab, by kind; only the test runner loads these. Keyed
 * by every kind in CHECK_SPECS: a kind without its probe (or with another kind's) does not compile.
 */
const PROBES: { [K in AnyCheck['kind']]: CheckProbe<Extract<AnyCheck, { kind: K }>> } = {
  dhcp: dhcpProbe,
  ping: pingProbe,
  flow: flowProbe,
  trace: traceProbe,
  bound: boundProbe,
  chassis: chassisProbe,
  tunnels: tunnelsProbe,
  local: localProbe,
  connect: connectProbe,
  http: httpProbe,
  capture: captureProbe,
  conntrack: conntrackProbe,
  group: groupProbe,
  datapath_flow: datapathFlowProbe,
  daemons: daemonsProbe,
  interface: interfaceProbe,
  bridge: bridgeProbe,
  logical_port: logicalPortProbe,
  route: routeProbe,
  log: logProbe,
  step: stepProbe,
  exec: execProbe,
  stop: stopProbe,
  start: startProbe,
};

/** A kind's spec (from the file format) with its probe: the core's, or a feature's, loaded now. */
export async function checkKind(kind: string): Promise<CheckKind<CheckBase>> {
  const probe = (PROBES as Record<string, CheckProbe<never> | undefined>)[kind] ?? (await FEATURE_CHECKS.find((c) => c.spec.kind === kind)?.probe());
  if (!probe) throw new Error(`check kind '${kind}' has no probe`);
  const tried = probe as unknown as CheckProbe<CheckBase>;
  return { ...checkSpec(kind), attempt: (spec, ctx) => tried.attempt(spec, ctx) };
}
