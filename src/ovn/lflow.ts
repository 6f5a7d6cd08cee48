/** One logical flow as `ovn-sbctl --uuid lflow-list` prints it. */
export interface LogicalFlow {
  /** First 32 bits of the Logical_Flow UUID: the cookie of the OpenFlow flows made from it. */
  cookie: string;
  datapath: string;
  pipeline: 'ingress' | 'egress';
  table: number;
  stage: string;
  priority: number;
  match: string;
  actions: string;
}

const DATAPATH = /^Datapath: "?([^"(\s]+)"? .*Pipeline: (ingress|egress)/;
/** ovn-sbctl pads one-digit tables: `table=3 (lr_out_snat        )`. */
const FLOW = /^\s+uuid=(0x[0-9a-f]+), table=(\d+)\s*\((\S+)\s*\), priority=(\d+)\s*, match=\((.*)\), action=\((.*)\)$/;

/**
 * Parses logical flows. Stage names and cookies are what checks use: table numbers change
 * between OVN versions, stage names and the cookie link to OpenFlow do not.
 */
export function parseLogicalFlows(text: string): LogicalFlow[] {
  const flows: LogicalFlow[] = [];
  let datapath = '';
  let pipeline: 'ingress' | 'egress' = 'ingress';
  for (const line of text.split('\n')) {
    const dp = DATAPATH.exec(line);
    if (dp) {
      datapath = dp[1]!;
      pipeline = dp[2] as 'ingress' | 'egress';
      continue;
    }
    const f = FLOW.exec(line);
    if (!f) continue;
    flows.push({
      cookie: f[1]!.replace(/^0x0*/, '0x'),
      datapath,
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
