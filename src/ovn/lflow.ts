/** One logical flow as `ovn-sbctl --uuid lflow-list` prints it. */
export interface LogicalFlow {
  /** First 32 bits of the Logical_Flow UUID: the cookie of the OpenFlow flows made from it. */
  cookie: string;
  datapath: string;
  /** The Datapath_Binding's UUID: a flow shared by several datapaths is listed under each, with one cookie. */
  datapathUuid: string;
  pipeline: 'ingress' | 'egress';
  table: number;
  stage: string;
  priority: number;
  match: string;
  actions: string;
}

const DATAPATH = /^Datapath: "?([^"(\s]+)"? (?:\(([0-9a-f-]+)\))?.*Pipeline: (ingress|egress)/;
/** ovn-sbctl pads one-digit tables: `table=3 (lr_out_snat        )`. */
const FLOW = /^\s+uuid=(0x[0-9a-f]+), table=(\d+)\s*\((\S+)\s*\), priority=(\d+)\s*, match=\((.*)\), action=\((.*)\)$/;

/**
 * Parses logical flows. Stage names and cookies are what checks use: table numbers change
 * between OVN versions, stage names and the cookie link to OpenFlow do not.
 */
export function parseLogicalFlows(text: string): LogicalFlow[] {
  const flows: LogicalFlow[] = [];
  let datapath = '';
  let datapathUuid = '';
  let pipeline: 'ingress' | 'egress' = 'ingress';
  for (const line of text.split('\n')) {
    const dp = DATAPATH.exec(line);
    if (dp) {
      [, datapath = '', datapathUuid = ''] = dp;
      pipeline = dp[3] as 'ingress' | 'egress';
      continue;
    }
    const f = FLOW.exec(line);
    if (!f) continue;
    flows.push({
      cookie: f[1]!.replace(/^0x0*/, '0x'),
      datapath,
      datapathUuid,
      pipeline,
      table: Number(f[2]),
      stage: f[3]!,
      priority: Number(f[4]),
      match: f[5]!,
      actions: f[6]!,
    });
  }
  return flows;
}

/**
 * The logical flow each OpenFlow flow was made from, found by its cookie. A logical flow shared by
 * several datapaths (a datapath group) is listed once per datapath under one cookie, and
 * ovn-controller makes an OpenFlow flow for each local one, matching its tunnel key as `metadata`:
 * that says which datapath it is. Without it, the flow names all of them.
 */
export function logicalFlowFinder(lflows: readonly LogicalFlow[], datapathKeys: ReadonlyMap<string, number>): (flow: OpenFlow) => LogicalFlow | undefined {
  const byCookie = new Map<string, LogicalFlow[]>();
  for (const l of lflows) byCookie.set(l.cookie, [...(byCookie.get(l.cookie) ?? []), l]);
  return (flow) => {
    const candidates = byCookie.get(flow.cookie);
    if (!candidates || candidates.length < 2) return candidates?.[0];
    const key = datapathKeyOf(flow);
    const own = key !== undefined ? candidates.find((l) => datapathKeys.get(l.datapathUuid) === key) : undefined;
    return own ?? { ...candidates[0]!, datapath: candidates.map((l) => l.datapath).join(', ') };
  };
}

/** The tunnel key of the datapath an OpenFlow flow is for: its exact `metadata=0x…` match. */
function datapathKeyOf(flow: OpenFlow): number | undefined {
  const m = /(?:^|,)metadata=(0x[0-9a-f]+)(?:,|$)/.exec(flow.match);
  return m ? Number(m[1]) : undefined;
}

/** One OpenFlow flow from `ovs-ofctl dump-flows`, with what checks and annotations need. */
export interface OpenFlow {
  cookie: string;
  table: number;
  priority: number;
  packets: number;
  /** The flow without its counters: the same before and after traffic. */
  key: string;
  /** Everything between priority and actions. */
  match: string;
  text: string;
  actions: string;
}

const COUNTERS = /\b(duration|n_packets|n_bytes|idle_age|hard_age)=[^,\s]+,?\s*/g;

export function parseOpenFlows(text: string): OpenFlow[] {
  const flows: OpenFlow[] = [];
  for (const line of text.split('\n')) {
    const cookie = /cookie=(0x[0-9a-f]+)/.exec(line)?.[1];
    const table = /table=(\d+)/.exec(line)?.[1];
    if (!cookie) continue;
    const key = line.replace(COUNTERS, '').trim();
    flows.push({
      cookie: cookie.replace(/^0x0*/, '0x'),
      table: Number(table ?? 0),
      priority: Number(/priority=(\d+)/.exec(line)?.[1] ?? 0),
      packets: Number(/n_packets=(\d+)/.exec(line)?.[1] ?? 0),
      key,
      match: /priority=\d+,?(.*?)\s*actions=/.exec(key)?.[1] ?? '',
      text: line.trim(),
      actions: /actions=(.*)$/.exec(line)?.[1] ?? '',
    });
  }
  return flows;
}
