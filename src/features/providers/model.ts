/** A chassis' door to a provider network: the OVS bridge it maps the network to, and its link into the network. */
interface BridgeMapping {
  network: string;
  bridge: string;
  /** The chassis' link into the provider network, a port of the bridge. */
  iface: string;
}

declare module '../../topology/schema-core.js' {
  interface RawSwitch {
    /** The provider network it reaches through a localnet port. */
    provider?: string;
    /** With provider: its localnet port's name (default: <switch>-localnet). */
    localnet_port?: string;
  }
  interface RawChassis {
    /** Provider network → the OVS bridge it is mapped to (ovn-bridge-mappings). */
    bridge_mappings?: Record<string, string>;
  }
}

declare module '../../topology/model.js' {
  interface Lab {
    /** Provider networks (bridges outside OVN), which chassis map and hosts sit on. */
    networks: string[];
  }
  interface Chassis {
    /** Provider networks reached through OVS bridges (ovn-bridge-mappings). */
    bridgeMappings: BridgeMapping[];
  }
  interface LogicalSwitch {
    /** Provider network reached through a localnet port (named <switch>-localnet unless localnetPort). */
    provider?: string;
    /** The localnet port's name, where the file gives one. */
    localnetPort?: string;
  }
}

export {};
