import type { Exec } from '../exec/exec.js';
import { createRuntime } from '../runtime/registry.js';
import type { NodeKind, Vm } from '../topology/model.js';
import { vmAddress } from '../vm/address.js';
import { nodeNames } from '../checks/fields.js';
import { dhclientPaths } from '../vm/vm.js';
import { LabContext } from './lab-context.js';
import { readRecord, type LabRecord } from './lab-store.js';

export interface DaemonStatus {
  name: string;
  running: boolean;
}

export interface NodeStatus {
  name: string;
  kind: NodeKind;
  present: boolean;
  daemons: DaemonStatus[];
  /** Chassis: registered in the SB database. */
  registered?: boolean;
  /** VM: chassis, logical port, how it is addressed, the address it has now (hosts: their network). */
  chassis?: string;
  network?: string;
  port?: string;
  addressing?: 'dhcp' | 'static';
  address?: string;
}

export interface LabStatus {
  name: string;
  runtime: string;
  datapath: string;
  file?: string;
  createdAt: string;
  nodes: NodeStatus[];
  /** Every node present and every daemon running. */
  healthy: boolean;
}

/** Pid files each kind of node has in its run directory, one per daemon. */
function daemonsOf(kind: NodeKind, vm?: Vm): string[] {
  if (kind === 'central') return ['ovnnb_db', 'ovnsb_db', 'ovn-northd'];
  if (kind === 'chassis') return ['ovsdb-server', 'ovs-vswitchd', 'ovn-controller'];
  if (vm?.service) return ['dnsmasq'];
  return vm?.dhcp ? ['dhclient'] : [];
}

/** Whether the daemons behind these pid files are alive, asked inside the node (pids are the node's). */
const ALIVE_SCRIPT = 'for f in "$@"; do if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then echo up; else echo down; fi; done';

export async function labStatus(name: string, exec: Exec): Promise<LabStatus> {
  const record: LabRecord = await readRecord(name);
  const lab = record.lab;
  const runtime = createRuntime(record.runtime, name, exec, record.lab);
  const ctx = new LabContext(lab, runtime, exec);
  const all = nodeNames(lab);
  const present = await runtime.present(all);

  const registered = new Set<string>();
  if (present.has(lab.central.name)) {
    const out = await ctx.central().run(['ovn-sbctl', '--timeout=5', '--bare', '--columns=name', 'list', 'Chassis'], { nothrow: true });
    for (const n of out.stdout.split('\n').map((l) => l.trim()).filter(Boolean)) registered.add(n);
  }

  const nodes = await Promise.all(
    all.map(async (node): Promise<NodeStatus> => {
      const kind = ctx.kindOf(node);
      const vm = lab.vms.find((v) => v.name === node);
      const host = lab.hosts.find((h) => h.name === node);
      const shell = ctx.node(node);
      const names = host ? (host.dhcp ? ['dhclient'] : []) : daemonsOf(kind, vm);
      const isUp = present.has(node);
      let daemons = names.map((d) => ({ name: d, running: false }));
      if (isUp && names.length) {
        const files = names.map((d) => (d === 'dhclient' ? dhclientPaths(shell.runDir).pid : `${shell.runDir}/${d}.pid`));
        const out = await shell.run(['sh', '-c', ALIVE_SCRIPT, 'alive', ...files], { nothrow: true });
        const states = out.stdout.trim().split('\n');
        daemons = names.map((d, i) => ({ name: d, running: states[i] === 'up' }));
      }
      const status: NodeStatus = { name: node, kind, present: isUp, daemons };
      if (kind === 'chassis') status.registered = registered.has(node);
      if (vm) Object.assign(status, { chassis: vm.chassis, port: vm.port, addressing: vm.dhcp ? 'dhcp' : 'static' });
      if (host) Object.assign(status, { network: host.network, addressing: host.dhcp ? 'dhcp' : 'static' });
      if ((vm || host) && isUp) status.address = await vmAddress(shell);
      return status;
    }),
  );
  const healthy = nodes.every((n) => n.present && n.daemons.every((d) => d.running) && n.registered !== false);
  return {
    name,
    runtime: record.runtime,
    datapath: record.datapath,
    ...(lab.file ? { file: lab.file } : {}),
    createdAt: record.createdAt,
    nodes,
    healthy,
  };
}
