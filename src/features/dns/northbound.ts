import { quoted } from '../../base/ovsdb.js';
import type { Lab } from '../../topology/model.js';
import type { NbCommand } from '../feature.js';

/** Each record set in a unit of its own: the DNS row, and each switch it serves pointing at it (dns_records). */
export function dnsUnits(lab: Lab, unit: () => NbCommand): void {
  for (const rs of lab.dns ?? []) {
    const cmd = unit();
    const id = `@dns_${rs.name.replace(/[^A-Za-z0-9]/g, '_')}`;
    const records = Object.entries(rs.records).map(([name, value]) => `records:${quoted(name)}=${quoted(value)}`);
    cmd(`--id=${id}`, 'create', 'DNS', ...records, ...(rs.ovnOwned ? ['options:ovn-owned="true"'] : []), `external_ids:lab-name=${quoted(rs.name)}`);
    for (const sw of rs.switches) cmd('add', 'Logical_Switch', sw, 'dns_records', id);
  }
}
