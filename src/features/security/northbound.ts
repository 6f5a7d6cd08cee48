import { quoted } from '../../base/ovsdb.js';
import type { Lab } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';
import { aclAddCommands } from './acl.js';

/** Address sets, port groups (every port exists by now), then each ACL on its switch or port group. */
export function securityUnits(lab: Lab, unit: () => NbCommand): void {
  for (const set of lab.addressSets) unit()('create', 'Address_Set', `name=${set.name}`, `addresses=[${set.addresses.map(quoted).join(',')}]`);
  for (const pg of lab.portGroups) unit()('pg-add', pg.name, ...pg.ports);
  lab.acls.forEach((acl, i) => {
    const cmd = unit();
    for (const words of aclAddCommands(acl, `@acl${i}`)) cmd(...words);
  });
}
