import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** Each port group with its count of ACLs, tied to the VMs whose ports are in it. */
export function drawSecurity(lab: Lab, draw: GraphDraw): void {
  for (const pg of lab.portGroups) {
    const acls = lab.acls.filter((a) => 'portGroup' in a.on && a.on.portGroup === pg.name).length;
    draw.node('portgroup', pg.name, [`port group @${pg.name}`, `${acls} ACL${acls === 1 ? '' : 's'}`]);
    for (const port of pg.ports) {
      const vm = lab.vms.find((v) => v.port === port);
      if (vm) draw.edge(draw.id('vm', vm.name), draw.id('portgroup', pg.name), 'member', 'logical');
    }
  }
}
