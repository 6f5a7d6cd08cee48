import { quoted } from '../../base/ovsdb.js';
import type { Lab } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';

/**
 * Each HA chassis group in a unit of its own, after the routers: its HA_Chassis rows, the group,
 * and each router port it serves pointing at it; then the BFD timers in NB_Global's options.
 */
export function gatewayHaUnits(lab: Lab, unit: () => NbCommand): void {
  for (const g of lab.haChassisGroups ?? []) {
    const cmd = unit();
    const id = `@ha_${g.name.replace(/[^A-Za-z0-9]/g, '_')}`;
    const members = g.chassis.map((c, i) => {
      cmd(`--id=${id}_${i}`, 'create', 'HA_Chassis', `chassis_name=${quoted(c.name)}`, `priority=${c.priority}`);
      return `${id}_${i}`;
    });
    cmd(`--id=${id}`, 'create', 'HA_Chassis_Group', `name=${quoted(g.name)}`, `ha_chassis=[${members.join(',')}]`);
    for (const p of g.ports) cmd('set', 'Logical_Router_Port', p, `ha_chassis_group=${id}`);
  }
  if (lab.bfd) unit()('set', 'NB_Global', '.', ...Object.entries(lab.bfd).map(([k, v]) => `options:${k}=${quoted(v)}`));
}
