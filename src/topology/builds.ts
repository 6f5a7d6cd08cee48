import type { Build } from './model.js';

/* A node's build trees: the programs and schemas it runs from them, and where its OVN and OVS come from. */

/** The directories of a build's programs, as OVN's `make sandbox` puts them first on PATH: OVN's, then OVS's. */
export function buildBinDirs(build: Build | undefined): string[] {
  const ovn = build?.ovn ? ['controller', 'controller-vtep', 'northd', 'ic', 'utilities'].map((d) => `${build.ovn!.dir}/${d}`) : [];
  const ovs = build?.ovs ? ['ovsdb', 'vswitchd', 'utilities', 'vtep'].map((d) => `${build.ovs!.dir}/${d}`) : [];
  return [...ovn, ...ovs];
}

/** The database schemas a node's daemons are made from: its build trees' sources, else the packages'. */
export function schemaPaths(build: Build | undefined): { nb: string; sb: string; vswitch: string } {
  const ovn = build?.ovn && (build.ovn.srcdir ?? build.ovn.dir);
  const ovs = build?.ovs && (build.ovs.srcdir ?? build.ovs.dir);
  return {
    nb: ovn ? `${ovn}/ovn-nb.ovsschema` : '/usr/share/ovn/ovn-nb.ovsschema',
    sb: ovn ? `${ovn}/ovn-sb.ovsschema` : '/usr/share/ovn/ovn-sb.ovsschema',
    vswitch: ovs ? `${ovs}/vswitchd/vswitch.ovsschema` : '/usr/share/openvswitch/vswitch.ovsschema',
  };
}
