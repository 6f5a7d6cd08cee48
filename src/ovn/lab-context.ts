import type { Exec } from '../base/exec.js';
import { nodeShell, type NodeShell } from './node-shell.js';
import type { Runtime } from '../runtime/runtime.js';
import type { Lab, NodeKind } from '../topology/model.js';

/** A lab together with the runtime it lives on: how the core reaches any node. */
export class LabContext {
  /**
   * The last fault step of a test (a daemon killed or restarted, a chassis failed or recovered):
   * its name and when it began (performance.now()), so that later checks can say how long after it
   * they saw the lab recover.
   */
  lastFault?: { step: string; at: number };

  constructor(
    readonly lab: Lab,
    readonly runtime: Runtime,
    readonly exec: Exec,
  ) {}

  /** Each node's shell, made at its first use: a big lab's steps ask for their nodes thousands of times. */
  private readonly shells = new Map<string, NodeShell>();

  /** Each node's kind by name, made at the first question (looked up in every list, it cost a big lab O(nodes²)). */
  private kinds?: ReadonlyMap<string, NodeKind>;

  node(name: string): NodeShell {
    let shell = this.shells.get(name);
    if (!shell) this.shells.set(name, (shell = nodeShell(this.runtime, this.lab, name, this.kindOf(name))));
    return shell;
  }

  central(): NodeShell {
    return this.node(this.lab.central.name);
  }

  kindOf(name: string): NodeKind {
    this.kinds ??= nodeKinds(this.lab);
    const kind = this.kinds.get(name);
    if (!kind) throw new Error(`no node '${name}' in lab '${this.lab.name}'`);
    return kind;
  }
}

/** Every node's kind by its name; where two kinds shared a name, the first of central, chassis, VM, host, namespace. */
function nodeKinds(lab: Lab): Map<string, NodeKind> {
  const named = (nodes: readonly { name: string }[], kind: NodeKind) => nodes.map((n): [string, NodeKind] => [n.name, kind]);
  // Later entries win: the kinds in the reverse of their order.
  return new Map([...named(lab.namespaces, 'namespace'), ...named(lab.hosts, 'host'), ...named(lab.vms, 'vm'), ...named(lab.chassis, 'chassis'), ...named(lab.central.members ?? [], 'central'), ...named([lab.central], 'central')]);
}
