export interface PortGroup {
  name: string;
  /** Logical port names. */
  ports: string[];
}

export interface AddressSet {
  name: string;
  addresses: string[];
}

export interface Acl {
  /** Where it is attached: a logical switch or a port group. */
  on: { switch: string } | { portGroup: string };
  direction: 'from-lport' | 'to-lport';
  priority: number;
  match: string;
  action: 'allow' | 'allow-related' | 'allow-stateless' | 'drop' | 'reject' | 'pass';
  log?: { name?: string; severity?: string; meter?: string };
  label?: number;
  afterLb?: boolean;
  /** Where the file writes its match, to name it when OVN cannot parse it. */
  at?: { file: string; line: number; column: number };
}

declare module '../../topology/model.js' {
  interface Lab {
    portGroups: PortGroup[];
    addressSets: AddressSet[];
    acls: Acl[];
  }
}
