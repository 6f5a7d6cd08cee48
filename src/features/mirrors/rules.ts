import type { At } from '../../topology/rules/at.js';
import type { RawCore } from '../../topology/schema-core.js';
import { MAX_ERSPAN_SESSION, type RawMirrors } from './schema.js';

type Raw = RawCore & RawMirrors;

/** The nodes that can collect: the chassis and the central (every member of a cluster), which have underlay addresses. */
function collectorNames(t: RawCore): string[] {
  const members = t.central.cluster ?? 1;
  return [...Array.from({ length: members }, (_, i) => (i === 0 ? 'central' : `central${i + 1}`)), ...Object.keys(t.chassis)];
}

/**
 * Mirrors: a type the lab can collect, an index its tunnel can carry, a sink that is a node on
 * the underlay, VMs of this file (each once), and no two tunnels OVS could not tell apart.
 */
export function checkMirrors(t: Raw, at: At): void {
  const tunnels = new Map<string, string>();
  for (const [name, m] of Object.entries(t.mirrors)) {
    const path = ['mirrors', name];
    if (m.type === 'local') {
      at(
        [...path, 'type'],
        "type local sends copies to a port of the VM's own chassis (external-ids:mirror-id): OVN 23.03 has no such type (25.03 and 26.03 have), and lab makes no local collector; use gre or erspan to a collector on the underlay",
      );
    } else if (m.type === 'erspan' && m.index > MAX_ERSPAN_SESSION) {
      at([...path, 'index'], `an ERSPAN mirror's index is its session ID, 10 bits: give 0 to ${MAX_ERSPAN_SESSION}, not ${m.index}`);
    }
    const collectors = collectorNames(t);
    if (!collectors.includes(m.sink)) {
      const what = m.sink in t.vms ? `'${m.sink}' is a VM, not on the underlay` : `unknown node '${m.sink}'`;
      at([...path, 'sink'], `${what}: the sink is a chassis or the central (${collectors.join(', ')}), whose underlay address receives the copies`);
    }
    m.vms.forEach((vm, i) => {
      if (!(vm in t.vms)) at([...path, 'vms', i], `unknown VM '${vm}' (VMs in this file: ${Object.keys(t.vms).join(', ') || 'none'})`);
      else if (m.vms.indexOf(vm) !== i) at([...path, 'vms', i], `VM '${vm}' is listed twice`);
    });
    // OVS keys a tunnel port by its type, remote address and key: a second one alike is refused.
    const tunnel = `${m.type}/${m.sink}/${m.index}`;
    const other = tunnels.get(tunnel);
    if (other !== undefined) at([...path, 'index'], `mirror '${other}' is also ${m.type} to ${m.sink} with index ${m.index}: OVS cannot tell two such tunnels apart; give another index`);
    else tunnels.set(tunnel, name);
  }
}
