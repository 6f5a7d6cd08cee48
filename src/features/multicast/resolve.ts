import type { RawCore } from '../../topology/schema-core.js';
import type { SnoopingSwitch } from './model.js';
import type { RawMulticast, RawSnooping } from './schema.js';

/** The other_config keys of a switch's snooping, in ovn-nb(5)'s order: only those the file gives (OVN's defaults stay OVN's). */
function otherConfigOf(s: RawSnooping): Record<string, string> {
  const given: [string, string | number | boolean | undefined][] = [
    ['mcast_snoop', s.snoop],
    ['mcast_querier', s.querier],
    ['mcast_flood_unregistered', s.flood_unregistered],
    ['mcast_table_size', s.table_size],
    ['mcast_idle_timeout', s.idle_timeout],
    ['mcast_query_interval', s.query_interval],
    ['mcast_query_max_response', s.query_max_response],
    ['mcast_eth_src', s.eth_src],
    ['mcast_ip4_src', s.ip4_src],
  ];
  return Object.fromEntries(given.flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])));
}

/** The lab's snooping switches, each with its other_config and the groups its VMs join at up. */
export function resolveMulticast(t: RawCore & RawMulticast): SnoopingSwitch[] {
  return Object.entries(t.multicast).map(([sw, s]) => ({
    switch: sw,
    otherConfig: otherConfigOf(s),
    groups: Object.entries(s.groups).map(([group, members]) => ({ group, members })),
  }));
}
