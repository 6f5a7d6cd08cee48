declare module '../../topology/schema-core.js' {
  interface RawCentral {
    /** Central's NB and SB as Raft clusters of this many members (1: no cluster). */
    cluster: number;
  }
}

export {};
