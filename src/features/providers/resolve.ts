import type { Chassis, Lab, LogicalSwitch } from '../../topology/model.js';
import { placed } from '../../topology/placed.js';
import type { RawProviders } from './schema.js';

/** A chassis' interface into a provider network (a port of its mapped bridge). */
function providerIface(network: string): string {
  return `ph-${network}`.slice(0, 15);
}

/** A chassis with its bridge mappings, where they always were: after its release (or its transport zones), before its engine. */
function withBridgeMappings(t: RawProviders, c: Chassis): Chassis {
  const bridgeMappings = Object.entries(t.chassis[c.name]?.bridge_mappings ?? {}).map(([network, bridge]) => ({ network, bridge, iface: providerIface(network) }));
  return placed(c, { bridgeMappings }, 'release' in c ? 'release' : 'transportZones');
}

/** A switch with its provider network and localnet port, where they always were: after its IPv4 subnet and DHCP, before its IPv6 side. */
function withProvider(t: RawProviders, sw: LogicalSwitch): LogicalSwitch {
  const raw = t.switches[sw.name];
  if (!raw?.provider) return sw;
  const provider = { provider: raw.provider, ...(raw.localnet_port ? { localnetPort: raw.localnet_port } : {}) };
  return placed(sw, provider, 'dhcp' in sw ? 'dhcp' : 'subnet' in sw ? 'subnet' : 'name');
}

/** The provider networks, each chassis' bridge mappings and each provider switch's network and localnet port. */
export function resolveProviders(t: RawProviders, lab: Lab): Partial<Lab> {
  return {
    chassis: lab.chassis.map((c) => withBridgeMappings(t, c)),
    switches: lab.switches.map((sw) => withProvider(t, sw)),
    networks: Object.keys(t.networks),
  };
}
