import type { NodeShell } from './node-shell.js';

/**
 * The datapath's own tables on a chassis, as OVS prints them: br-int's OpenFlow groups
 * (`ovs-ofctl dump-groups`) and the datapath flows the userspace datapath made from the OpenFlow
 * tables for the packets it has seen (`ovs-appctl dpctl/dump-flows`).
 */

/** One OpenFlow group of br-int. */
export interface OpenFlowGroup {
  id: number;
  type: string;
  /** Each bucket's actions. */
  buckets: string[];
  /** The backends its buckets NAT to (`nat(dst=10.70.0.11:8080)` → 10.70.0.11:8080; IPv6 as [fd00::1]:80). */
  backends: string[];
  text: string;
}

function parseGroups(text: string): OpenFlowGroup[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .flatMap((line) => {
      const id = /^group_id=(\d+)/.exec(line)?.[1];
      if (id === undefined) return [];
      const buckets = line
        .split(/,bucket=/)
        .slice(1)
        .map((b) => /actions=(.*)$/.exec(b)?.[1] ?? b);
      const backends = buckets.flatMap((b) => /nat\(dst=([^)]+)\)/.exec(b)?.[1] ?? []);
      return [{ id: Number(id), type: /,type=(\w+)/.exec(line)?.[1] ?? '', buckets, backends, text: line }];
    });
}

/** br-int's OpenFlow groups on a chassis. */
export async function brIntGroups(chassis: NodeShell): Promise<OpenFlowGroup[]> {
  return parseGroups((await chassis.run(['ovs-ofctl', 'dump-groups', 'br-int'])).stdout);
}

/** One flow of the datapath (`recirc_id(0),in_port(6),…, packets:30, bytes:2128, used:3.5s, actions:ct(zone=8,nat),recirc(0x8)`). */
export interface DatapathFlow {
  match: string;
  packets: number;
  actions: string;
  text: string;
}

function parseDatapathFlows(text: string): DatapathFlow[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .flatMap((line) => {
      const m = /^(.*?), packets:(\d+), bytes:\d+, used:[^,]+,(?: flags:[^,]*,)? actions:(.*)$/.exec(line);
      return m ? [{ match: m[1]!, packets: Number(m[2]), actions: m[3]!, text: line }] : [];
    });
}

/** The datapath flows of a chassis' datapath (they live 10 s after their last packet). */
export async function datapathFlows(chassis: NodeShell): Promise<DatapathFlow[]> {
  return parseDatapathFlows((await chassis.run(['ovs-appctl', 'dpctl/dump-flows'], { timeoutMs: 10_000 })).stdout);
}
