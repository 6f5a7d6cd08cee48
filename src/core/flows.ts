import type { ExecResult } from '../base/exec.js';
import { logicalFlowFinder, type LogicalFlow, type OpenFlow } from '../ovn/lflow.js';
import { brIntFlows, datapathKeys, logicalFlows } from '../ovn/queries.js';
import type { LabContext } from '../ovn/lab-context.js';

/** An OpenFlow flow of br-int with the logical flow it was made from (matched by cookie). */
export interface AnnotatedFlow extends OpenFlow {
  lflow?: Pick<LogicalFlow, 'stage' | 'pipeline' | 'datapath' | 'table' | 'match' | 'actions'>;
  /** Packets counted while the command of `flowsDuring` ran. */
  delta?: number;
}

/** br-int's flows with current counters. */
function snapshot(ctx: LabContext, chassis: string): Promise<OpenFlow[]> {
  return brIntFlows(ctx.node(chassis), true);
}

/** How to find the logical flow an OpenFlow flow was made from (by cookie, and datapath for a shared one). */
async function logicalFlowsOf(ctx: LabContext): Promise<(flow: OpenFlow) => LogicalFlow | undefined> {
  const [lflows, keys] = await Promise.all([logicalFlows(ctx.central()), datapathKeys(ctx.central())]);
  return logicalFlowFinder(lflows, keys);
}

/**
 * Pipeline order: OpenFlow table, then priority (highest first), as packets meet them.
 * Flows of one priority, which OVS dumps in no set order, go by their logical flow's match and then
 * their own, so the same lab prints the same list every time and one logical flow's flows stand together.
 */
function pipelineOrder(a: AnnotatedFlow, b: AnnotatedFlow): number {
  return a.table - b.table || b.priority - a.priority || compare(a.lflow?.match ?? '', b.lflow?.match ?? '') || compare(a.match, b.match);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function annotate(flows: OpenFlow[], logicalFlowOf: (flow: OpenFlow) => LogicalFlow | undefined): AnnotatedFlow[] {
  return flows
    .map((f): AnnotatedFlow => {
      const l = logicalFlowOf(f);
      return l ? { ...f, lflow: { stage: l.stage, pipeline: l.pipeline, datapath: l.datapath, table: l.table, match: l.match, actions: l.actions } } : { ...f };
    })
    .sort(pipelineOrder);
}

/** br-int's flows on a chassis, each with its logical stage and flow; `stage` filters. */
export async function annotatedFlows(ctx: LabContext, chassis: string, stage?: string): Promise<AnnotatedFlow[]> {
  const [flows, lflows] = await Promise.all([snapshot(ctx, chassis), logicalFlowsOf(ctx)]);
  return annotate(flows, lflows).filter((f) => !stage || f.lflow?.stage === stage);
}

/**
 * The notes' method in one call: snapshot br-int's counters, run a command in a node,
 * snapshot again, and return only the flows whose packet counters moved, in pipeline order.
 */
export async function flowsDuring(ctx: LabContext, chassis: string, node: string, argv: string[]): Promise<{ result: ExecResult; flows: AnnotatedFlow[] }> {
  const before = new Map((await snapshot(ctx, chassis)).map((f) => [f.key, f.packets]));
  const result = await ctx.node(node).run(argv, { nothrow: true, timeoutMs: 120_000 });
  const after = await snapshot(ctx, chassis);
  const moved = after.map((f) => ({ ...f, delta: f.packets - (before.get(f.key) ?? 0) })).filter((f) => f.delta > 0);
  const lflows = await logicalFlowsOf(ctx);
  return { result, flows: annotate(moved, lflows) };
}
