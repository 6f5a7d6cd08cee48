import type { ExecOptions } from '../base/exec.js';
import { parseLogicalFlows, parseOpenFlows, type LogicalFlow, type OpenFlow } from './lflow.js';
import { settleCounters, type NodeShell } from './node-shell.js';
import { parseVersions, VERSIONS_COMMAND } from '../runtime/versions.js';

/**
 * What lab reads from OVN and OVS, in one place: the command lines (ovn-sbctl, ovs-vsctl,
 * ovs-ofctl, ovn-trace) and how their output is read. Checks, status, flows and the failure
 * bundle ask here; nothing else types them.
 */

/** `ovn-sbctl`/`ovn-nbctl`/`ovs-vsctl` rows as CSV without headings: one array of bare values per row. */
export async function rows(node: NodeShell, argv: readonly string[], opts?: ExecOptions): Promise<string[][] | undefined> {
  const [tool, ...rest] = argv;
  const out = await node.run([tool!, '--timeout=10', '--format=csv', '--data=bare', '--no-headings', ...rest], { nothrow: true, ...opts });
  if (!out.ok) return undefined;
  return out.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(','));
}

/**
 * The chassis registered in the SB database by their ovn-controller, which makes a Chassis_Private
 * row pointing at the Chassis row (central made that one, see chassisRows); undefined when it
 * does not answer (it cannot say). A Chassis row deleted leaves its Chassis_Private row pointing
 * nowhere: not registered.
 */
export async function registeredChassis(central: NodeShell): Promise<Set<string> | undefined> {
  const found = await rows(central, ['ovn-sbctl', '--columns=name,chassis', 'list', 'Chassis_Private'], { timeoutMs: 10_000 });
  return found && new Set(found.filter(([, chassis]) => chassis).map(([name]) => name!));
}

/** Every registered chassis' encapsulations as `<chassis> <type> <ip>`, sorted (a row central wrote counts once its ovn-controller has registered). */
export async function encaps(central: NodeShell): Promise<string[]> {
  const [found, registered] = await Promise.all([rows(central, ['ovn-sbctl', '--columns=chassis_name,type,ip', 'list', 'Encap']), registeredChassis(central)]);
  return (found ?? [])
    .filter(([name]) => registered?.has(name!))
    .map(([name, type, ip]) => `${name} ${type} ${ip}`)
    .sort();
}

/** A logical switch port in the NB database: its switch, type and addresses; undefined when there is none. */
export async function logicalSwitchPort(central: NodeShell, port: string): Promise<{ switch: string; type: string; addresses: string[]; parent?: string; tag?: number } | undefined> {
  const out = await central.run(['ovn-nbctl', '--timeout=10', '--format=json', '--columns=_uuid,type,addresses,parent_name,tag', 'find', 'Logical_Switch_Port', `name=${port}`]);
  type Value = string | number | ['set', (string | number)[]];
  const row = (JSON.parse(out.stdout) as { data: [['uuid', string], string, Value, Value, Value][] }).data[0];
  if (!row) return undefined;
  const [[, uuid], type, addresses, parent, tag] = row;
  // OVSDB JSON writes an optional column as a value, or as an empty set when it has none.
  const values = (v: Value) => (Array.isArray(v) ? v[1] : [v]);
  const sw = await central.run(['ovn-nbctl', '--timeout=10', '--bare', '--columns=name', 'find', 'Logical_Switch', `ports{>=}${uuid}`]);
  const [parentName] = values(parent);
  const [tagValue] = values(tag);
  return {
    switch: sw.stdout.trim(),
    type,
    addresses: values(addresses).map(String),
    ...(parentName !== undefined ? { parent: String(parentName) } : {}),
    ...(tagValue !== undefined ? { tag: Number(tagValue) } : {}),
  };
}

/** Where a logical port is bound (chassis name) and whether it is up; undefined when it has no Port_Binding. */
export async function portBinding(central: NodeShell, port: string): Promise<{ chassis?: string; up: boolean } | undefined> {
  const [names, binding] = await Promise.all([rows(central, ['ovn-sbctl', '--columns=_uuid,name', 'list', 'Chassis']), rows(central, ['ovn-sbctl', '--columns=chassis,up', 'find', 'Port_Binding', `logical_port=${port}`])]);
  const [uuid, up] = binding?.[0] ?? [];
  if (!binding?.length) return undefined;
  const byUuid = new Map((names ?? []).map(([u, n]) => [u!, n!]));
  return { ...(uuid ? { chassis: byUuid.get(uuid) ?? uuid } : {}), up: up === 'true' };
}

/** One SB IGMP_Group row: a group a chassis learned on a logical switch, with the ports that joined it there. */
export interface IgmpGroupRow {
  address: string;
  chassis: string;
  ports: string[];
  /** The IGMP (or MLD) version its members reported in: IGMPv3, … (asked for: OVN 24.09 and later have the column). */
  protocol?: string;
}

/**
 * The IGMP_Group rows of a logical switch (chassis and ports by name); undefined when the SB does
 * not answer. Each chassis writes its own rows, for the ports it has: its VMs' reports never leave it.
 */
export async function igmpGroups(central: NodeShell, logicalSwitch: string, withProtocol = false): Promise<IgmpGroupRow[] | undefined> {
  const [groups, datapaths, chassis, ports] = await Promise.all([
    rows(central, ['ovn-sbctl', `--columns=address,datapath,chassis,ports${withProtocol ? ',protocol' : ''}`, 'list', 'IGMP_Group']),
    rows(central, ['ovn-sbctl', '--columns=_uuid', 'find', 'Datapath_Binding', `external_ids:name=${logicalSwitch}`]),
    rows(central, ['ovn-sbctl', '--columns=_uuid,name', 'list', 'Chassis']),
    rows(central, ['ovn-sbctl', '--columns=_uuid,logical_port', 'list', 'Port_Binding']),
  ]);
  if (!groups || !datapaths || !chassis || !ports) return undefined;
  const dp = new Set(datapaths.map(([u]) => u));
  const names = new Map([...chassis, ...ports].map(([u, n]) => [u!, n!]));
  return groups
    .filter(([, d]) => dp.has(d))
    .map(([address, , c, p, protocol]) => ({
      address: address!,
      chassis: names.get(c ?? '') ?? c ?? '',
      ports: (p ?? '')
        .split(' ')
        .filter(Boolean)
        .map((u) => names.get(u) ?? u),
      ...(withProtocol ? { protocol: protocol ?? '' } : {}),
    }));
}

/** An OVS interface: its name, type (geneve, vxlan, patch, internal, '') and options (remote_ip, csum, key, peer…). */
export interface OvsInterface {
  name: string;
  type: string;
  options: Record<string, string>;
  externalIds: Record<string, string>;
}

/** The tunnel ports (Geneve or VXLAN) ovn-controller made on a chassis, by remote address. */
export async function tunnelPorts(chassis: NodeShell): Promise<OvsInterface[]> {
  return (await interfaces(chassis)).filter((i) => i.type === 'geneve' || i.type === 'vxlan').sort((a, b) => (a.options.remote_ip ?? '').localeCompare(b.options.remote_ip ?? ''));
}

/** An OVS port: its interface, and its VLAN settings (vlan_mode, trunks). */
export interface OvsPort extends OvsInterface {
  vlanMode: string;
  trunks: number[];
}

/** The ports of an OVS bridge with their interfaces' type and options; undefined when there is no such bridge. */
export async function bridgePorts(chassis: NodeShell, bridge: string): Promise<OvsPort[] | undefined> {
  const names = await chassis.run(['ovs-vsctl', '--timeout=10', 'list-ports', bridge], { nothrow: true });
  if (!names.ok) return undefined;
  const wanted = new Set(names.stdout.split('\n').filter(Boolean));
  const out = await chassis.run(['ovs-vsctl', '--timeout=10', '--format=json', '--columns=name,vlan_mode,trunks', 'list', 'Port']);
  type Value = string | number | ['set', (string | number)[]];
  const values = (v: Value) => (Array.isArray(v) ? v[1] : [v]);
  const vlan = new Map((JSON.parse(out.stdout) as { data: [string, Value, Value][] }).data.map(([name, mode, trunks]) => [name, { vlanMode: values(mode).map(String)[0] ?? '', trunks: values(trunks).map(Number) }]));
  return (await interfaces(chassis)).filter((i) => wanted.has(i.name)).map((i) => ({ ...i, ...(vlan.get(i.name) ?? { vlanMode: '', trunks: [] }) }));
}

/** Every OVS interface of a node: name, type and options. */
async function interfaces(chassis: NodeShell): Promise<OvsInterface[]> {
  const out = await chassis.run(['ovs-vsctl', '--timeout=10', '--format=json', '--columns=name,type,options,external_ids', 'list', 'Interface']);
  const table = JSON.parse(out.stdout) as { data: [string, string, ['map', [string, string][]], ['map', [string, string][]]][] };
  return table.data.map(([name, type, [, options], [, ids]]) => ({ name, type, options: Object.fromEntries(options), externalIds: Object.fromEntries(ids) }));
}

/** Packets a chassis has sent into its tunnels so far (live OpenFlow port counters, after a revalidator round). */
export async function tunnelTxPackets(chassis: NodeShell): Promise<number> {
  await settleCounters(chassis);
  let total = 0;
  for (const port of await tunnelPorts(chassis)) {
    const stats = await chassis.run(['ovs-ofctl', 'dump-ports', 'br-int', port.name]);
    total += Number(/tx pkts=(\d+)/.exec(stats.stdout)?.[1] ?? 0);
  }
  return total;
}

/** The OVS and OVN versions a node runs. */
export async function nodeVersions(node: NodeShell): Promise<{ ovs: string; ovn: string }> {
  return parseVersions((await node.run(['sh', '-c', VERSIONS_COMMAND], { nothrow: true })).stdout);
}

/** The OVN version of a lab's central node (23.03.1), what checks with an `ovn` range compare. */
export async function ovnVersion(central: NodeShell): Promise<string> {
  return (await nodeVersions(central)).ovn;
}

/** The SB database's logical flows. */
export async function logicalFlows(central: NodeShell): Promise<LogicalFlow[]> {
  return parseLogicalFlows((await central.run(['ovn-sbctl', '--timeout=10', '--uuid', 'lflow-list'])).stdout);
}

/** Each datapath's tunnel key (the `metadata` of its OpenFlow flows) by its Datapath_Binding UUID; none when the SB does not answer. */
export async function datapathKeys(central: NodeShell): Promise<Map<string, number>> {
  const found = await rows(central, ['ovn-sbctl', '--columns=_uuid,tunnel_key', 'list', 'Datapath_Binding']);
  return new Map((found ?? []).map(([uuid, key]) => [uuid!, Number(key)]));
}

/** br-int's OpenFlow flows on a chassis; with `settle`, after a revalidator round so counters are current. */
export async function brIntFlows(chassis: NodeShell, settle = false): Promise<OpenFlow[]> {
  if (settle) await settleCounters(chassis);
  return parseOpenFlows((await chassis.run(['ovs-ofctl', 'dump-flows', 'br-int'])).stdout);
}

/** `ovn-trace --summary` of a microflow entering a logical switch. */
export async function traceSummary(central: NodeShell, datapath: string, microflow: string): Promise<string> {
  return (await central.run(['ovn-trace', '--summary', datapath, microflow])).stdout;
}

/** The actions `ovn-trace --minimal` prints for a microflow, one per line (the flow line left out). */
export async function traceMinimal(central: NodeShell, datapath: string, microflow: string): Promise<string[]> {
  const out = (await central.run(['ovn-trace', '--minimal', datapath, microflow])).stdout;
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/**
 * The ports a trace outputs to (`ovn-trace --summary`); none means dropped. An output to a patch
 * port is no output: ovn-trace goes on in its peer's datapath (a switch's port to a router), where
 * the packet may still be dropped.
 */
export function traceOutputs(summary: string): string[] {
  return [...summary.matchAll(/output to "([^"]+)"(?!, type "patch")|output\("([^"]+)"\)/g)].map((m) => (m[1] ?? m[2])!);
}

/** The logical datapaths a trace passes, in order, each once. */
export function traceDatapaths(summary: string): string[] {
  const seen: string[] = [];
  for (const m of summary.matchAll(/ingress\(dp="([^"]+)"/g)) if (seen.at(-1) !== m[1]) seen.push(m[1]!);
  return seen;
}

/** What a failure bundle saves of OVN and OVS: file name, which node, the command. */
export function diagnostics(central: string, chassis: string[]): { file: string; node: string; argv: string[] }[] {
  return [
    { file: 'nbctl-show.txt', node: central, argv: ['ovn-nbctl', '--timeout=10', 'show'] },
    { file: 'sbctl-show.txt', node: central, argv: ['ovn-sbctl', '--timeout=10', 'show'] },
    { file: 'lflow-list.txt', node: central, argv: ['ovn-sbctl', '--timeout=10', '--uuid', 'lflow-list'] },
    { file: 'nb-dump.txt', node: central, argv: ['ovn-nbctl', '--timeout=10', 'list', 'Logical_Switch_Port'] },
    ...chassis.flatMap((c) => [
      { file: `${c}-vsctl-show.txt`, node: c, argv: ['ovs-vsctl', '--timeout=10', 'show'] },
      { file: `${c}-br-int-flows.txt`, node: c, argv: ['ovs-ofctl', 'dump-flows', 'br-int'] },
    ]),
  ];
}

/** Lines of a chassis' ovn-controller log that contain every one of `texts` (fixed strings). */
async function controllerLog(chassis: NodeShell, texts: string[]): Promise<string[]> {
  const out = await chassis.run(['cat', `${chassis.runDir}/ovn-controller.log`], { nothrow: true, timeoutMs: 10_000 });
  return out.stdout.split('\n').filter((l) => l && texts.every((t) => l.includes(t)));
}

/** Logical flow matches ovn-controller could not parse (it logs them and goes on without the flow). */
export async function lflowParseErrors(chassis: NodeShell): Promise<{ match: string; error: string }[]> {
  return (await controllerLog(chassis, ['error parsing match "'])).flatMap((l) => {
    const m = /error parsing match "(.*)": (.*)$/.exec(l);
    return m ? [{ match: m[1]!, error: m[2]! }] : [];
  });
}

/** ACL log lines (`acl_log`) of a chassis' ovn-controller: name, verdict, and the packet. */
export async function aclLogLines(chassis: NodeShell): Promise<{ name: string; verdict: string; packet: string }[]> {
  return (await controllerLog(chassis, ['|acl_log('])).flatMap((l) => {
    const m = /name="([^"]*)", verdict=(\w+),.*?: (.*)$/.exec(l);
    return m ? [{ name: m[1]!, verdict: m[2]!, packet: m[3]! }] : [];
  });
}

/** One entry of a chassis' datapath conntrack table. */
export interface ConntrackEntry {
  proto: string;
  original: Record<string, string>;
  reply: Record<string, string>;
  /** 0 when OVS prints no zone= (it leaves out a zero zone, mark and labels). */
  zone: number;
  mark: bigint;
  labels: bigint;
  text: string;
}

/** The chassis' datapath conntrack entries (`ovs-appctl dpctl/dump-conntrack`: the userspace datapath's own table). */
export async function conntrackEntries(chassis: NodeShell): Promise<ConntrackEntry[]> {
  return parseConntrack((await chassis.run(['ovs-appctl', 'dpctl/dump-conntrack'], { timeoutMs: 10_000 })).stdout);
}

function parseConntrack(text: string): ConntrackEntry[] {
  const fields = (s: string | undefined) => Object.fromEntries((s ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  return text
    .split('\n')
    .map((l) => l.trim())
    .flatMap((line) => {
      const m = /^(\w+),orig=\(([^)]*)\),reply=\(([^)]*)\)/.exec(line);
      if (!m) return [];
      // After the tuples: ,zone=5,mark=2,labels=0x…,protoinfo=(…), each left out when zero.
      const rest = line.slice(m[0].length);
      const [zone, mark, labels] = ['zone', 'mark', 'labels'].map((n) => new RegExp(`,${n}=(\\w+)`).exec(rest)?.[1]);
      return [{ proto: m[1]!, original: fields(m[2]), reply: fields(m[3]), zone: Number(zone ?? 0), mark: BigInt(mark ?? 0), labels: BigInt(labels ?? 0), text: line }];
    });
}

/** What one member says of its Raft cluster (`cluster/status`): its role, the term, and the servers it knows. */
export interface ClusterMemberStatus {
  /** leader, follower, candidate; 'down' when its server does not answer. */
  role: string;
  term?: number;
  /** Servers the member lists (itself included). */
  servers: number;
  /** Peers it has connections with, both ways (the `Connections:` line). */
  connected: number;
}

/** A central member's view of the NB or SB cluster. */
export async function clusterStatus(member: NodeShell, db: 'nb' | 'sb'): Promise<ClusterMemberStatus> {
  const out = await member.run(['ovs-appctl', '-t', `${member.runDir}/ovn${db}_db.ctl`, 'cluster/status', db === 'nb' ? 'OVN_Northbound' : 'OVN_Southbound'], { nothrow: true });
  return out.ok ? parseClusterStatus(out.stdout) : { role: 'down', servers: 0, connected: 0 };
}

export function parseClusterStatus(text: string): ClusterMemberStatus {
  const role = /^Role: (\S+)/m.exec(text)?.[1] ?? 'unknown';
  const term = Number(/^Term: (\d+)/m.exec(text)?.[1]);
  const servers = (text.split(/^Servers:$/m)[1] ?? '').split('\n').filter((l) => / at /.test(l)).length;
  const connections = /^Connections: ?(.*)$/m.exec(text)?.[1] ?? '';
  // ->abcd is an outgoing connection, <-abcd an incoming one; ->0000 goes to an address whose
  // server is not known yet (the one a member joined through). A peer with either is connected.
  const connected = new Set([...connections.matchAll(/(?:->|<-)(\w+)/g)].map((m) => m[1]).filter((id) => id !== '0000')).size;
  return { role, ...(Number.isFinite(term) ? { term } : {}), servers, connected };
}
