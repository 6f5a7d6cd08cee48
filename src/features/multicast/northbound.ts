import { quoted } from '../../base/ovsdb.js';
import type { Lab } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';

/** Each snooping switch's other_config keys, one `set` in a unit of its own. */
export function multicastUnits(lab: Lab, unit: () => NbCommand): void {
  for (const s of lab.multicast ?? []) {
    unit()('set', 'Logical_Switch', s.switch, ...Object.entries(s.otherConfig).map(([k, v]) => `other_config:${k}=${quoted(v)}`));
  }
}
