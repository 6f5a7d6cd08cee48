/** An HA_Chassis_Group as the lab has it: its chassis by priority (highest first) and the router ports it serves. */
export interface HaChassisGroup {
  name: string;
  chassis: { name: string; priority: number }[];
  ports: string[];
}

declare module '../../topology/model.js' {
  interface Lab {
    /** Absent when the file has none: other labs' records (and golden scripts) read as before. */
    haChassisGroups?: HaChassisGroup[];
    /** NB_Global options bfd-* (milliseconds, as OVN takes them); absent when the file sets none. */
    bfd?: Record<string, string>;
  }
}
