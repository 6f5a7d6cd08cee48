/** A Mirror row as the lab has it: what it mirrors and where the copies go. */
export interface Mirror {
  name: string;
  type: 'gre' | 'erspan';
  /** The GRE key, or the ERSPAN session ID (and erspan_idx). */
  index: number;
  filter: 'from-lport' | 'to-lport' | 'both';
  /** The collector: the chassis or central node the copies are sent to. */
  sink: string;
  /** Its underlay address: the Mirror row's sink. */
  sinkIp: string;
  /** The mirrored VMs, each with its logical switch port. */
  ports: { vm: string; port: string }[];
}

declare module '../../topology/model.js' {
  interface Lab {
    /** Absent when the file has none: the records of labs without mirrors read as before. */
    mirrors?: Mirror[];
  }
}
