import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

/** A node's servers listen on different ports (an HTTP server is a TCP one). */
export function checkServers(t: RawTopology, at: At): void {
  const withServers: [string, string, { servers: Record<string, number>[] }][] = [
    ...Object.entries(t.vms).map(([n, v]) => ['vms', n, v] as [string, string, { servers: Record<string, number>[] }]),
    ...Object.entries(t.hosts).map(([n, h]) => ['hosts', n, h] as [string, string, { servers: Record<string, number>[] }]),
  ];
  for (const [group, name, node] of withServers) {
    {
      const seen = new Set<string>();
      node.servers.forEach((s, i) => {
        const key = Object.entries(s).map(([k, v]) => `${k === 'http' ? 'tcp' : k}/${v}`)[0]!;
        if (seen.has(key)) at([group, name, 'servers', i], `another server of ${name} already listens on ${key}`);
        seen.add(key);
      });
    }
  }
}
