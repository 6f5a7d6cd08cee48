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

  node(name: string): NodeShell {
    return nodeShell(this.runtime, this.lab, name, this.kindOf(name));
  }

  central(): NodeShell {
    return this.node(this.lab.central.name);
  }

  kindOf(name: string): NodeKind {
    if (name === this.lab.central.name || this.lab.central.members?.some((m) => m.name === name)) return 'central';
    if (this.lab.chassis.some((c) => c.name === name)) return 'chassis';
    if (this.lab.vms.some((v) => v.name === name)) return 'vm';
    if (this.lab.hosts.some((h) => h.name === name)) return 'host';
    if (this.lab.namespaces.some((n) => n.name === name)) return 'namespace';
    throw new Error(`no node '${name}' in lab '${this.lab.name}'`);
  }
}
