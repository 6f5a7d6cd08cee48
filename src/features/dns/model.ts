/** A DNS row as the lab has it: the switches it serves and its records, as OVN takes them. */
export interface DnsRecordSet {
  name: string;
  /** The logical switches whose dns_records name it. */
  switches: string[];
  /** Name → its addresses (IPv4 and IPv6, space separated), and with reverse the PTR records. */
  records: Record<string, string>;
  ovnOwned: boolean;
}

declare module '../../topology/model.js' {
  interface Lab {
    /** Absent when the file has none: the records of labs without DNS (and of older versions) read as before. */
    dns?: DnsRecordSet[];
  }
}
