/** A VM's membership of a group, as a step's join: or leave: gives it. */
export interface Membership {
  vm: string;
  group: string;
}

/** A group some VMs of a snooping switch join when the lab comes up. */
interface MulticastGroup {
  /** The IPv4 group address. */
  group: string;
  /** The VMs that join it, by name. */
  members: string[];
}

/** A logical switch that snoops IGMP: its other_config keys (mcast_*) as OVN takes them, and its groups. */
export interface SnoopingSwitch {
  switch: string;
  otherConfig: Record<string, string>;
  groups: MulticastGroup[];
}

declare module '../../topology/model.js' {
  interface Lab {
    /** Absent when the file has none: the records of labs without multicast (and of older versions) read as before. */
    multicast?: SnoopingSwitch[];
  }
}
