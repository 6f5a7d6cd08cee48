import type { Lab } from '../../topology/model.js';
import type { GraphDraw } from '../feature.js';

/** A switch's IPv6 subnet and OVN DHCPv6, and each VM's IPv6 address with how it gets it. */
export function drawIpv6(lab: Lab, draw: GraphDraw): void {
  for (const s of lab.switches) {
    if (s.subnet6) draw.address('switch', s.name, s.subnet6.text);
    if (s.dhcp6) draw.note('switch', s.name, 'OVN DHCPv6');
  }
  for (const v of lab.vms) {
    if (!v.ipv6) continue;
    const how = v.ipv6.mode === 'static' ? '' : ` (${v.ipv6.mode === 'slaac' ? 'SLAAC' : 'DHCPv6'})`;
    draw.address('vm', v.name, `${v.ipv6.ip}/${v.ipv6.prefix}${how}`);
  }
}
