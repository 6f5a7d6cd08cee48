import type { NodeShell } from './node-shell.js';

/*
 * What gateway high availability reads: where the SB binds a gateway port's cr- port and the HA
 * chassis northd gave it (one ovn-sbctl of four commands, JSON: a chassis may be unbound, a set may have one member), and the BFD status OVS keeps on each
 * tunnel (one ovs-vsctl). Probes ask here; nothing else types these lines.
 */

/** Where a gateway port is: the chassis its cr- port is bound to (none while unclaimed), and its HA chassis, highest priority first. */
export interface GatewayResidence {
  chassis?: string;
  ha: { chassis: string; priority: number }[];
}

/** The SB's rows a residence is read from: Chassis, HA_Chassis, the Port_Binding, HA_Chassis_Group, one JSON table a line. */
function residenceArgv(crPort: string): string[] {
  const tables = [
    ['--columns=_uuid,name', 'list', 'Chassis'],
    ['--columns=_uuid,chassis,priority', 'list', 'HA_Chassis'],
    ['--columns=logical_port,chassis,ha_chassis_group', 'find', 'Port_Binding', `logical_port=${crPort}`],
    ['--columns=_uuid,ha_chassis', 'list', 'HA_Chassis_Group'],
  ];
  return ['ovn-sbctl', '--timeout=10', '--format=json', ...tables.flatMap((t, i) => (i ? ['--', ...t] : t))];
}

/** An OVSDB JSON value's UUIDs: a reference, or a set of them (a set of one is the reference itself, an empty one ["set", []]). */
type Json = string | number | [string, unknown];
function uuids(v: Json | undefined): string[] {
  if (!Array.isArray(v)) return [];
  if (v[0] === 'uuid') return [v[1] as string];
  return v[0] === 'set' ? (v[1] as Json[]).flatMap(uuids) : [];
}

/** Reads the output of {@link residenceArgv}; undefined when the SB has no such Port_Binding. */
export function parseResidence(out: string): GatewayResidence | undefined {
  const [chassis, haChassis, binding, groups] = out
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { data: Json[][] }).data);
  const row = binding?.[0];
  if (!row) return undefined;
  const names = new Map((chassis ?? []).map(([u, n]) => [uuids(u)[0], String(n)]));
  const ha = new Map((haChassis ?? []).map(([u, c, p]) => [uuids(u)[0], { chassis: names.get(uuids(c)[0]) ?? '?', priority: Number(p) }]));
  const [bound] = uuids(row[1]);
  const group = uuids(row[2])[0];
  const members = uuids((groups ?? []).find(([u]) => uuids(u)[0] === group)?.[1]);
  return {
    ...(bound ? { chassis: names.get(bound) ?? bound } : {}),
    ha: members.flatMap((m) => ha.get(m) ?? []).sort((a, b) => b.priority - a.priority),
  };
}

/** Where a gateway port is resident, read from the SB. */
export async function gatewayResidence(central: NodeShell, crPort: string): Promise<GatewayResidence | undefined> {
  return parseResidence((await central.run(residenceArgv(crPort))).stdout);
}

/** A tunnel's BFD as OVS reports it: its bfd column (enable=true when OVN turned it on) and bfd_status (state, forwarding, diagnostic…). */
export interface TunnelBfd {
  name: string;
  remoteIp: string;
  bfd: Record<string, string>;
  status: Record<string, string>;
}

/** Reads `ovs-vsctl --format=json --columns=name,options,bfd,bfd_status list Interface`: the interfaces with a remote_ip. */
function parseTunnelBfd(json: string): TunnelBfd[] {
  type Map = ['map', [string, string][]];
  const table = JSON.parse(json) as { data: [string, Map, Map, Map][] };
  return table.data.map(([name, [, options], [, bfd], [, status]]) => ({ name, remoteIp: Object.fromEntries(options).remote_ip ?? '', bfd: Object.fromEntries(bfd), status: Object.fromEntries(status) })).filter((t) => t.remoteIp);
}

/** The BFD of a chassis' tunnels. */
export async function tunnelBfd(chassis: NodeShell): Promise<TunnelBfd[]> {
  return parseTunnelBfd((await chassis.run(['ovs-vsctl', '--timeout=10', '--format=json', '--columns=name,options,bfd,bfd_status', 'list', 'Interface'])).stdout);
}
