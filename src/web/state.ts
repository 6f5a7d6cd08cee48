import type { Exec } from '../base/exec.js';
import { exerciseScore, type ExerciseScore } from '../core/exercise-state.js';
import { listLabs, readRecord } from '../core/lab-store.js';
import { labStatus, type LabStatus, type NodeStatus } from '../core/status.js';
import { labHealth, type LabHealth } from '../core/health.js';
import { id, labGraph } from '../graph/model.js';
import { readableSvg, toDot } from '../graph/render.js';
import { createRuntime } from '../runtime/registry.js';

/** A lab as the page shows it: its status, its picture with the nodes that are down in red, what can be done in it. */
export interface LabView {
  name: string;
  runtime: string;
  owner?: string;
  health: LabHealth;
  problem?: string;
  nodes: NodeStatus[];
  /** Nodes gone, with a daemon not running, or a chassis the SB database does not list. */
  down: string[];
  /** The picture (`lab graph --format svg`), down nodes red. */
  svg: string;
  checks: string[];
  vms: string[];
  chassis: string[];
  /** True when a shell in a node is root on this host's files (the netns runtime). */
  hostFiles: boolean;
  /** The runtime can open a terminal in a node. */
  terminals: boolean;
  /** The score of the lab's exercises (`lab check`), when its file has some. */
  exercise?: ExerciseScore;
}

/** Names of the nodes that are not as they should be. */
export function downNodes(status: Pick<LabStatus, 'nodes'>): string[] {
  return status.nodes.filter((n) => !n.present || n.daemons.some((d) => !d.running) || n.registered === 'no').map((n) => n.name);
}

/** Renders dot to SVG; the same picture is rendered once. */
export type SvgRenderer = (dot: string) => Promise<string>;

export async function graphvizRenderer(): Promise<SvgRenderer> {
  const { Graphviz } = await import('@hpcc-js/wasm-graphviz');
  const graphviz = await Graphviz.load();
  let last: { dot: string; svg: string }[] = [];
  return async (dot) => {
    const hit = last.find((l) => l.dot === dot);
    if (hit) return hit.svg;
    const svg = graphviz.dot(dot, 'svg');
    last = [{ dot, svg }, ...last].slice(0, 16);
    return svg;
  };
}

/** One lab as it is now. */
async function labView(name: string, exec: Exec, render: SvgRenderer): Promise<LabView> {
  const status = await labStatus(name, exec, { withoutVersions: true });
  const record = await readRecord(name).catch(() => undefined);
  const base = { name, runtime: status.runtime, owner: status.owner, health: labHealth(status), nodes: status.nodes, checks: [], vms: [], chassis: [], hostFiles: true, terminals: false };
  if (!record) return { ...base, problem: status.problem, down: [], svg: '' };
  const lab = record.lab;
  const down = downNodes(status);
  const addresses = new Map(status.nodes.filter((n) => n.kind === 'vm' || n.kind === 'host').map((n) => [n.name, n.address]));
  const downIds = new Set(status.nodes.filter((n) => down.includes(n.name)).map((n) => id(n.kind, n.name)));
  const svg = readableSvg(await render(toDot(labGraph(lab, addresses), { title: false, down: downIds })));
  const runtime = createRuntime(record.runtime, name, exec, lab);
  const exercise = await exerciseScore(name).catch(() => undefined);
  return {
    ...base,
    ...(exercise ? { exercise } : {}),
    // Its runtime not answering (a Docker engine stopped): the page says so beside the picture.
    ...(status.problem ? { problem: status.problem } : {}),
    owner: record.owner.user,
    down,
    svg,
    checks: lab.checks.map((c) => c.name),
    vms: lab.vms.map((v) => v.name),
    chassis: lab.chassis.map((c) => c.name),
    hostFiles: runtime.hostFiles,
    terminals: runtime.terminal !== undefined,
  };
}

/**
 * The labs that are up, looked at every `intervalMs` while someone watches: each listener gets
 * every lab after each look (the server keeps to each page the labs its token opens).
 */
export class LiveLabs {
  private listeners = new Set<(labs: LabView[]) => void>();
  private timer?: NodeJS.Timeout;
  private looking = false;
  latest: LabView[] = [];

  constructor(
    private readonly look: () => Promise<LabView[]>,
    private readonly intervalMs: number,
  ) {}

  /** Every lab that is up, or only those named in `only`. */
  static of(exec: Exec, render: SvgRenderer, intervalMs: number, only?: readonly string[]): LiveLabs {
    const names = async () => (await listLabs()).filter((n) => !only || only.includes(n));
    return new LiveLabs(async () => Promise.all((await names()).map((n) => labView(n, exec, render))), intervalMs);
  }

  watch(listener: (labs: LabView[]) => void): () => void {
    this.listeners.add(listener);
    if (this.latest.length) listener(this.latest);
    if (!this.looking) void this.tick();
    return () => void this.listeners.delete(listener);
  }

  /** Looks now (a page asking for the labs before the next tick). */
  async now(): Promise<LabView[]> {
    this.latest = await this.look().catch(() => this.latest);
    return this.latest;
  }

  /** One look, then the next one `intervalMs` after it ends, while anyone watches. */
  private async tick(): Promise<void> {
    this.looking = true;
    const labs = await this.now();
    for (const l of this.listeners) l(labs);
    if (this.listeners.size) this.timer = setTimeout(() => void this.tick(), this.intervalMs);
    else this.looking = false;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.listeners.clear();
  }
}
