import * as z from 'zod';
import type { Lab, Server } from '../model.js';
import { matchReferences } from '../match-refs.js';
import { aclSchema, matchName } from '../../features/security/schema.js';
import { addressOrSubnetAny, cidrAny, ipAny, portName } from '../schema-types.js';
import { parseIpv4 } from '../net.js';
import { checkFields, nodeNames, unknownName } from './fields.js';
import { centralNames } from '../model.js';
import { routeProblem } from '../special.js';
import type { CheckProblem, CheckSpecKind, StepActionRegistration } from './spec.js';
import { flushConntrackProblems, flushConntrackSchema, setProblems, setSchema } from './step-nb.js';

const aclKey = aclSchema.pick({ switch: true, port_group: true, direction: true, priority: true, match: true });
const member = z.strictObject({ port_group: matchName, member: portName.describe('a VM, a host with an external port, or a port name') });

/** What a step of the core can do: one of these keys (features add theirs: see all.ts). */
const STEP_ACTIONS = [
  'add_acl',
  'remove_acl',
  'add_member',
  'remove_member',
  'add_nat',
  'remove_nat',
  'add_route',
  'remove_route',
  'set',
  'flush_conntrack',
  'stop',
  'start',
  'stop_server',
  'start_server',
  'kill',
  'restart',
  'fail_chassis',
  'recover_chassis',
  'command',
] as const;

/** The daemons fault steps kill and start again, by their pid file's name. */
export const FAULT_DAEMONS = ['ovnnb_db', 'ovnsb_db', 'ovn-northd', 'ovn-controller', 'ovs-vswitchd'] as const;
const daemon = z.enum(FAULT_DAEMONS).describe('ovnnb_db / ovnsb_db (a central database server), ovn-northd (central), ovn-controller or ovs-vswitchd (a chassis: without ovs-vswitchd its datapath, tunnels and BFD stop)');

/** The daemons that run on chassis, not on central. */
const CHASSIS_DAEMONS: readonly string[] = ['ovn-controller', 'ovs-vswitchd'];

const coreActions = {
  add_acl: aclSchema.optional().describe('an ACL to add, as in acls:'),
  remove_acl: aclKey.optional().describe('the ACL to remove: where, direction, priority, match'),
  add_member: member.optional().describe('a port to add to a port group'),
  remove_member: member.optional(),
  add_nat: z
    .strictObject({ router: z.string(), type: z.enum(['snat', 'dnat', 'dnat_and_snat']), external_ip: ipAny, logical_ip: addressOrSubnetAny.describe('an address or subnet of the same family as external_ip') })
    .optional()
    .describe('a NAT rule to add, IPv4 or IPv6 as in nat:'),
  remove_nat: z.strictObject({ router: z.string(), type: z.enum(['snat', 'dnat', 'dnat_and_snat']), external_ip: ipAny }).optional(),
  add_route: z
    .strictObject({ router: z.string(), prefix: cidrAny, nexthop: ipAny.describe('an address of the same family as prefix') })
    .optional()
    .describe('a static route to add, IPv4 or IPv6 as in routes:'),
  remove_route: z.strictObject({ router: z.string(), prefix: cidrAny }).optional(),
  set: setSchema.optional(),
  flush_conntrack: flushConntrackSchema.optional(),
  stop: z.string().optional().describe('a service to stop (a fault)'),
  start: z.string().optional().describe('a service to start again'),
  stop_server: z
    .strictObject({ node: z.string(), port: z.number().int().min(1).max(65535) })
    .optional()
    .describe("stop one of a node's servers (a backend failing)"),
  start_server: z.strictObject({ node: z.string(), port: z.number().int().min(1).max(65535) }).optional(),
  kill: z
    .strictObject({
      daemon,
      node: z.string().optional().describe('the node it runs on'),
      leader: z.enum(['nb', 'sb']).optional().describe('instead of node: the member that leads that database now'),
      active: z.literal(true).optional().describe('with ovn-northd, instead of node: the one that holds the lock now'),
    })
    .optional()
    .describe('a crash: SIGKILL a daemon by the PID in its pid file'),
  restart: z
    .strictObject({ daemon, node: z.string().optional().describe('the node (default: every node where it does not run)') })
    .optional()
    .describe('start a killed daemon again, as lab up started it (a database server rejoins its cluster)'),
  fail_chassis: z.string().optional().describe('a host failing: SIGKILL every OVS/OVN daemon of this chassis at once (ovsdb-server, ovs-vswitchd, ovn-controller): its datapath, tunnels, BFD and SB connection stop'),
  recover_chassis: z.string().optional().describe('the failed chassis boots again: its daemons start as lab up started them, from the database it kept'),
};

const lastResort = {
  command: z
    .union([z.string(), z.array(z.string()).min(1)])
    .optional()
    .describe('last resort: a raw command (with node)'),
  node: z.string().optional().describe('where command runs (default: central)'),
};

const schema = z.strictObject({ ...checkFields('step'), ...coreActions, ...lastResort });
/** A step as the core knows it; a feature's action is one more key (`join: { vm, group }`). */
export type StepCheck = z.infer<typeof schema> & { [featureAction: string]: unknown };

/** The one action a step has, of the core's and the given features' (their keys). */
export function stepAction(spec: StepCheck, more: readonly string[] = []): string | undefined {
  const given = [...STEP_ACTIONS, ...more].filter((a) => spec[a] !== undefined);
  return given.length === 1 ? given[0] : undefined;
}

/** The logical port a member names in a lab: a VM's, a host's external port, or a port by name. */
export function memberPortOf(lab: Lab, name: string): string | undefined {
  return lab.vms.find((v) => v.name === name)?.port ?? lab.hosts.find((h) => h.name === name)?.externalPort?.port ?? lab.vms.flatMap((v) => [v.port, ...v.vlans.map((c) => c.port)]).find((p) => p === name);
}

/** The server a node runs on a port, if any. */
export function serverOf(lab: Lab, node: string, port: number): Server | undefined {
  return [...lab.vms, ...lab.hosts].find((n) => n.name === node)?.servers.find((s) => s.port === port);
}

function problems(spec: StepCheck, lab: Lab, actions: readonly StepActionRegistration[]): CheckProblem[] {
  const out: CheckProblem[] = [];
  const push = (field: string, message: string | undefined) => message && out.push({ field, message });
  const keys = actions.map((a) => a.key);
  const action = stepAction(spec, keys);
  if (!action) return [{ field: 'kind', message: `a step does exactly one of: ${[...STEP_ACTIONS.filter((a) => a !== 'command'), ...keys, 'command'].join(', ')}` }];
  const feature = actions.find((a) => a.key === action);
  if (feature) out.push(...(feature.problems?.(spec[action], lab) ?? []).map((p) => ({ ...p, field: `${action}.${p.field}` })));
  if (spec.set) out.push(...setProblems(spec.set, lab));
  if (spec.flush_conntrack) out.push(...flushConntrackProblems(spec.flush_conntrack, lab));
  const groups = lab.portGroups.map((g) => g.name);
  const where = (f: string, a: { switch?: string; port_group?: string }) => {
    if ((a.switch === undefined) === (a.port_group === undefined)) push(f, 'an ACL is on exactly one of: switch, port_group');
    if (a.switch !== undefined)
      push(
        `${f}.switch`,
        unknownName(
          'switch',
          a.switch,
          lab.switches.map((s) => s.name),
        ),
      );
    if (a.port_group !== undefined) push(`${f}.port_group`, unknownName('port group', a.port_group, groups));
  };
  if (spec.add_acl) {
    where('add_acl', spec.add_acl);
    const refs = matchReferences(spec.add_acl.match);
    const sets = [...lab.addressSets.map((s) => s.name), ...groups.flatMap((g) => [`${g}_ip4`, `${g}_ip6`])];
    for (const g of refs.groups) if (!groups.includes(g)) push('add_acl.match', `@${g} is not a port group of this lab`);
    for (const s of refs.sets) if (!sets.includes(s)) push('add_acl.match', `$${s} is not an address set of this lab`);
    push('add_acl.log.meter', unknownMeter(spec.add_acl, lab));
  }
  if (spec.remove_acl) where('remove_acl', spec.remove_acl);
  for (const key of ['add_member', 'remove_member'] as const) {
    const m = spec[key];
    if (!m) continue;
    push(`${key}.port_group`, unknownName('port group', m.port_group, groups));
    if (!memberPortOf(lab, m.member)) push(`${key}.member`, `'${m.member}' is not a VM, host with an external port, or port of this lab`);
  }
  for (const key of ['add_nat', 'remove_nat', 'add_route', 'remove_route'] as const) {
    const r = spec[key];
    if (r)
      push(
        `${key}.router`,
        unknownName(
          'router',
          r.router,
          lab.routers.map((x) => x.name),
        ),
      );
  }
  if (spec.add_route) push('add_route.prefix', routeProblem(spec.add_route.prefix));
  if (spec.add_route) push('add_route.nexthop', familyProblem(spec.add_route.nexthop, spec.add_route.prefix, 'prefix'));
  if (spec.add_nat) push('add_nat.logical_ip', familyProblem(spec.add_nat.logical_ip, spec.add_nat.external_ip, 'external_ip'));
  for (const key of ['stop', 'start'] as const)
    if (spec[key] !== undefined)
      push(
        key,
        unknownName(
          'service',
          spec[key],
          lab.services.map((s) => s.name),
        ),
      );
  for (const key of ['stop_server', 'start_server'] as const) {
    const s = spec[key];
    if (s && !serverOf(lab, s.node, s.port)) push(key, `${s.node} runs no server on port ${s.port}`);
  }
  faultProblems(spec, lab, push);
  if (spec.node !== undefined) push('node', unknownName('node', spec.node, nodeNames(lab)));
  if (spec.node !== undefined && action !== 'command') push('node', 'node goes with command');
  return out;
}

/** Why `value` cannot go with `other` (the field `what`): they are of different families. */
function familyProblem(value: string, other: string, what: string): string | undefined {
  const v4 = (a: string) => parseIpv4(a.split('/')[0] ?? '') !== undefined;
  if (v4(value) === v4(other)) return undefined;
  return `'${value}' is ${v4(value) ? 'IPv4' : 'IPv6'} but ${what} ${other} is ${v4(other) ? 'IPv4' : 'IPv6'}: write both in one family`;
}

/** Problems of a fault step: a daemon where it runs, the one to kill said once, a chassis of the lab. */
function faultProblems(spec: StepCheck, lab: Lab, push: (field: string, message: string | undefined) => void): void {
  const fault = spec.kill ?? spec.restart;
  if (fault) {
    const onCentral = !CHASSIS_DAEMONS.includes(fault.daemon);
    const nodes = onCentral ? centralNames(lab) : lab.chassis.map((c) => c.name);
    const key = spec.kill ? 'kill' : 'restart';
    if (fault.node !== undefined) push(`${key}.node`, nodes.includes(fault.node) ? undefined : `${fault.daemon} runs on ${onCentral ? 'central nodes' : 'chassis'}: ${nodes.join(', ')}`);
    const k = spec.kill;
    if (k && [k.node, k.leader, k.active].filter((x) => x !== undefined).length !== 1) push('kill', 'say which one: node, leader (nb or sb) or active (ovn-northd)');
    if (k?.leader && !lab.central.members) push('kill.leader', 'leader needs a clustered central (central: { cluster: 3 })');
    if (k?.leader && k.daemon !== `ovn${k.leader}_db`) push('kill.leader', `the ${k.leader.toUpperCase()} leader runs ovn${k.leader}_db, not ${k.daemon}`);
    if (k?.active && k.daemon !== 'ovn-northd') push('kill.active', 'active goes with ovn-northd');
  }
  for (const key of ['fail_chassis', 'recover_chassis'] as const)
    if (spec[key] !== undefined)
      push(
        key,
        unknownName(
          'chassis',
          spec[key],
          lab.chassis.map((c) => c.name),
        ),
      );
}

/**
 * The step kind with the given features' actions: each one more key of its schema (before
 * command, the last resort), checked by its own problems, and said by its own expectation.
 */
export function stepSpecWith(actions: readonly StepActionRegistration[]): CheckSpecKind<StepCheck> {
  const added = Object.fromEntries(actions.map((a) => [a.key, a.schema.optional()]));
  const keys = actions.map((a) => a.key);
  return {
    kind: 'step',
    summary: `a change between checks, run once (never retried): add or remove an ACL, a port group member, a NAT rule or a route; set an NB column or option; flush a chassis' conntrack; stop or start a service; kill or restart a daemon, fail or recover a whole chassis;${keys.length ? ` what features add (${keys.join(', ')});` : ''} or a raw command`,
    schema: actions.length ? z.strictObject({ ...checkFields('step'), ...coreActions, ...added, ...lastResort }) : schema,
    once: true,
    validate: (spec, lab) => problems(spec, lab, actions),
    negative: () => false,
    expected(spec) {
      const action = stepAction(spec, keys) ?? 'command';
      const feature = actions.find((a) => a.key === action);
      if (feature) return feature.expected(spec[action]);
      // A command's success is its exit code; what it runs, --list and validate show (checkCommand).
      return action === 'command' ? 'the command exits 0' : `${action.replaceAll('_', ' ')} done`;
    },
  };
}

/** The step kind of the core's actions alone (all.ts adds the features'). */
export const stepSpec = stepSpecWith([]);

/** Why a step's ACL cannot log through its meter: the lab defines no meter of that name. */
function unknownMeter(acl: NonNullable<StepCheck['add_acl']>, lab: Lab): string | undefined {
  const meter = typeof acl.log === 'object' ? acl.log.meter : undefined;
  return meter === undefined
    ? undefined
    : unknownName(
        'meter',
        meter,
        (lab.meters ?? []).map((m) => m.name),
      );
}
