/** What OVS and OVN a node (or an image) runs, from their own --version output. */

/** One shell line that prints both versions. */
export const VERSIONS_COMMAND = 'ovs-vswitchd --version; ovn-controller --version';

/** OVS and OVN versions from `ovs-vswitchd --version` and `ovn-controller --version` output. */
export function parseVersions(text: string): { ovs: string; ovn: string } {
  return {
    ovs: /ovs-vswitchd \(Open vSwitch\) (\S+)/.exec(text)?.[1] ?? '?',
    ovn: /ovn-controller (?:\(OVN\) )?(\d+\.\d+\.\d+)/.exec(text)?.[1] ?? '?',
  };
}
