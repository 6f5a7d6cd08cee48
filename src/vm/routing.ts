import type { NodeShell } from '../ovn/node-shell.js';
import type { Lab, NodeRouting } from '../topology/model.js';

/**
 * IPv4 forwarding in a node's namespace. /proc/sys is mounted read-only inside containers, so the
 * write happens in a private mount namespace that remounts it (the sysctl itself is per network
 * namespace, so it holds after that mount namespace is gone).
 */
async function setForwarding(node: NodeShell, on: boolean): Promise<void> {
  await node.run(['unshare', '-m', 'sh', '-c', 'mount -o remount,rw /proc/sys 2>/dev/null; exec sysctl -qw "net.ipv4.ip_forward=$1"', 'sh', on ? '1' : '0']);
}

/** The nodes whose plain routing lab sets: those with links, routes or forwarding. */
export function routedNodes(lab: Lab): { name: string; routing: NodeRouting }[] {
  const linked = new Set(lab.links.flatMap((l) => l.ends.map((e) => e.node)));
  const all = [...lab.vms, ...lab.hosts, ...lab.namespaces];
  return all.filter((n) => linked.has(n.name) || (n.routes?.length ?? 0) > 0 || n.forwarding).map((n) => ({ name: n.name, routing: { routes: n.routes ?? [], forwarding: n.forwarding ?? false } }));
}

/** Addresses on link ends, then forwarding and static routes, as the file says. */
export async function applyRouting(lab: Lab, node: (name: string) => NodeShell): Promise<void> {
  for (const link of lab.links) {
    for (const end of link.ends) if (end.address) await node(end.node).run(['ip', 'addr', 'add', end.address, 'dev', end.iface]);
  }
  for (const { name, routing } of routedNodes(lab)) {
    await setForwarding(node(name), routing.forwarding);
    for (const r of routing.routes) await node(name).run(['ip', 'route', 'replace', r.to, 'via', r.via]);
  }
}
