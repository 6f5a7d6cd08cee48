import { ExecResult, type Exec, type ExecOptions } from '../../src/base/exec.js';
import type { DestroyOptions, NodeSpec, Runtime } from '../../src/runtime/runtime.js';
import type { Vm } from '../../src/topology/model.js';

/**
 * A runtime that records what it was asked to do; `failOn` makes one node's command fail.
 * `ip addr` in a node shows the address given for it in `addresses` (none otherwise).
 */
export class FakeRuntime implements Runtime {
  readonly name = 'fake';
  readonly hostFiles = true;

  constructor(private readonly addresses: Record<string, string> = {}) {}
  calls: string[] = [];
  destroyed = 0;
  failOn?: (node: string, argv: readonly string[]) => boolean;
  /** How long a command takes, where the test cares (ms); its end is recorded as `<node>: done <program>`. */
  delayOn?: (node: string, argv: readonly string[]) => number;
  /** What each destroy was asked. */
  destroyOptions: (DestroyOptions | undefined)[] = [];
  /** What a command prints, where the test cares (undefined: nothing, or `ip addr` as above). */
  answer?: (node: string, argv: readonly string[]) => string | undefined;

  async preflight() {}
  async createUnderlay() {
    this.calls.push('underlay');
  }
  async createNode(spec: NodeSpec) {
    this.calls.push(`node ${spec.name} ${spec.ip}/${spec.prefix}`);
  }
  async createNetwork(name: string) {
    this.calls.push(`network ${name}`);
  }
  async connectToNetwork(node: string, network: string, iface: string) {
    this.calls.push(`connect ${node}:${iface} to ${network}`);
  }
  async createHost(host: { name: string; network: string }) {
    this.calls.push(`host ${host.name} on ${host.network}`);
  }
  async createVms(vms: readonly Vm[]) {
    for (const vm of vms) this.calls.push(`vm ${vm.name} on ${vm.chassis}`);
  }
  async addVmLink(vm: Vm, vmIf: string, chassisIf: string) {
    this.calls.push(`link ${vm.name}:${vmIf} ${vm.chassis}:${chassisIf}`);
  }
  async createNamespace(ns: { name: string; chassis: string }) {
    this.calls.push(`namespace ${ns.name} on ${ns.chassis}`);
  }
  async createLink(link: { ends: { node: string; iface: string }[] }) {
    this.calls.push(`link ${link.ends.map((e) => `${e.node}:${e.iface}`).join(' ')}`);
  }
  async exec(node: string, argv: readonly string[], _opts?: ExecOptions): Promise<ExecResult> {
    // A batch (`sh -ec` of several commands) is recorded as its commands, and stops at the first that fails.
    if (_opts?.batch) {
      let last = new ExecResult(argv, 0, '', '', 1);
      for (const one of _opts.batch) {
        last = await this.exec(node, one, { ..._opts, batch: undefined, nothrow: true });
        if (!last.ok) break;
      }
      if (!last.ok && !_opts.nothrow) throw last;
      return last;
    }
    for (const f of _opts?.files ?? []) await this.writeFile(node, f.path);
    this.calls.push(`${node}: ${argv.join(' ')}`);
    const delay = this.delayOn?.(node, argv) ?? 0;
    if (delay) {
      await new Promise((r) => setTimeout(r, delay));
      this.calls.push(`${node}: done ${argv[0]}`);
    }
    const fail = this.failOn?.(node, argv) ?? false;
    const addr = this.addresses[node];
    const stdout = this.answer?.(node, argv) ?? (argv[0] === 'ip' && argv.includes('addr') && addr ? `2: eth0    inet ${addr} brd x` : '');
    const result = new ExecResult(argv, fail ? 1 : 0, stdout, fail ? 'boom' : '', 1);
    if (fail && !_opts?.nothrow) throw result;
    return result;
  }
  async attach() {
    return 0;
  }
  async copyFile(from: string, fromPath: string, to: string, toPath: string) {
    this.calls.push(`${from} → ${to}: copy ${fromPath} ${toPath}`);
  }
  async writeFile(node: string, path: string) {
    this.calls.push(`${node}: write ${path}`);
  }
  async writeFiles(node: string, files: readonly { path: string }[]) {
    for (const f of files) await this.writeFile(node, f.path);
  }
  runDir(node: string) {
    return `/fake/${node}`;
  }
  async present(nodes: readonly string[]) {
    return new Set(nodes);
  }
  async stateDirs() {
    return [];
  }
  async destroy(opts?: DestroyOptions) {
    this.destroyed += 1;
    this.destroyOptions.push(opts);
    this.calls.push('destroy');
    return 1;
  }
}

export const noExec: Exec = async (argv) => new ExecResult(argv, 0, '', '', 0);
