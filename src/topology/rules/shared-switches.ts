import { overlaps, parseCidr } from '../net.js';
import type { RawTopology } from '../schema.js';
import type { At } from './at.js';

/**
 * Switch entries that are one more subnet of another logical switch (`on:`): the switch they name
 * is a switch of its own, their subnets do not overlap, and what belongs to the logical switch as
 * a whole (a provider network, IPv6, ACLs) is written on that switch.
 */
export function checkSharedSwitches(t: RawTopology, at: At): void {
  for (const [name, sw] of Object.entries(t.switches)) {
    if (sw.on === undefined) continue;
    const path = ['switches', name];
    const target = t.switches[sw.on];
    if (sw.on === name) at([...path, 'on'], 'a switch cannot be a subnet on itself');
    else if (!target) at([...path, 'on'], `unknown switch '${sw.on}' (switches in this file: ${Object.keys(t.switches).join(', ')})`);
    else if (target.on !== undefined) at([...path, 'on'], `'${sw.on}' is itself a subnet on '${target.on}': name '${target.on}'`);
    if (sw.provider !== undefined) at([...path, 'provider'], `provider belongs to the logical switch as a whole: write it on '${sw.on}'`);
    const mine = parseCidr(sw.subnet ?? '');
    for (const [other, o] of Object.entries(t.switches)) {
      if (other === name || (o.on ?? other) !== sw.on) continue;
      const theirs = parseCidr(o.subnet ?? '');
      if (mine && theirs && overlaps(mine, theirs)) at([...path, 'subnet'], `${mine.text} overlaps ${theirs.text} of '${other}', on the same logical switch`);
    }
  }
  t.acls.forEach((acl, i) => {
    const sw = acl.switch !== undefined ? t.switches[acl.switch] : undefined;
    if (sw?.on !== undefined) at(['acls', i, 'switch'], `'${acl.switch}' is a subnet on logical switch '${sw.on}': put the ACL on '${sw.on}'`);
  });
}
