import type { Requirement } from '../../base/host.js';
import type { Lab } from '../../topology/model.js';

/** What the netns runtime runs on the host (the docker runtime needs only a Docker engine and its image). */
export const NETNS_REQUIREMENTS: readonly Requirement[] = [
  { program: 'ip', pkg: 'iproute2' },
  { program: 'ethtool', pkg: 'ethtool' },
  { program: 'timeout', pkg: 'coreutils' },
  { program: 'nsenter', pkg: 'util-linux' },
  { program: 'ovsdb-tool', pkg: 'openvswitch-switch' },
  { program: 'ovsdb-server', pkg: 'openvswitch-switch' },
  { program: 'ovs-vswitchd', pkg: 'openvswitch-switch' },
  { program: 'ovs-vsctl', pkg: 'openvswitch-switch' },
  { program: 'ovs-appctl', pkg: 'openvswitch-switch' },
  { program: 'ovn-northd', pkg: 'ovn-central' },
  { program: 'ovn-nbctl', pkg: 'ovn-central' },
  { program: 'ovn-sbctl', pkg: 'ovn-central' },
  { program: 'ovn-controller', pkg: 'ovn-host' },
  { program: 'dhclient', pkg: 'isc-dhcp-client' },
  { program: 'python3', pkg: 'python3-minimal' },
  { program: 'tcpdump', pkg: 'tcpdump' },
];

/** Needed only by labs with dnsmasq services. */
export const DNSMASQ: Requirement = { program: 'dnsmasq', pkg: 'dnsmasq-base' };

/**
 * What the netns runtime needs on the host for a lab (placed: each node names its build trees):
 * OVS's and OVN's packages only where some central or chassis runs them from packages.
 */
export function netnsRequirements(lab: Lab | undefined): Requirement[] {
  const nodes = lab ? [lab.central, ...lab.chassis] : [];
  const built = (k: 'ovn' | 'ovs') => nodes.length > 0 && nodes.every((n) => n.build?.[k]);
  const fromBuild = new Set([...(built('ovs') ? ['openvswitch-switch'] : []), ...(built('ovn') ? ['ovn-central', 'ovn-host'] : [])]);
  return [...NETNS_REQUIREMENTS.filter((r) => !fromBuild.has(r.pkg)), ...(lab?.services.length ? [DNSMASQ] : [])];
}
