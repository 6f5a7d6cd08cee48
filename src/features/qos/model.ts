/** A QoS rule as OVN's QoS table has it, on one logical switch. */
export interface QosRule {
  switch: string;
  direction: 'from-lport' | 'to-lport';
  priority: number;
  /** The whole match, the VM's port and-ed in. */
  match: string;
  /** kbit/s, and kilobits above it. */
  rate?: number;
  burst?: number;
  dscp?: number;
}

/** A row of OVN's Meter table (one drop band). */
export interface Meter {
  name: string;
  rate: number;
  unit: 'pktps' | 'kbps';
  burst?: number;
  fair: boolean;
}

declare module '../../topology/model.js' {
  interface Lab {
    /** Absent when the file has none, so other labs' records read as before. */
    qos?: QosRule[];
    meters?: Meter[];
  }
}
