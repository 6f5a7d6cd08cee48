import type { Lab } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';

/** Each mirror in a unit of its own: the Mirror row (mirror-add), and each VM's port attached to it. */
export function mirrorUnits(lab: Lab, unit: () => NbCommand): void {
  for (const m of lab.mirrors ?? []) {
    const cmd = unit();
    // 23.03's ovn-nbctl needs the index; later ones take it optional, in the same place.
    cmd('mirror-add', m.name, m.type, String(m.index), m.filter, m.sinkIp);
    for (const p of m.ports) cmd('lsp-attach-mirror', p.port, m.name);
  }
}
