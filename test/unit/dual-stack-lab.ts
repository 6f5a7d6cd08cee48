import { logicalNetworkArgv } from '../../src/ovn/logical-network.js';
import { parseTopology } from '../../src/topology/load.js';

/** A dual-stack lab behind a gateway port, with a provider switch; line numbers are this text's. */
export const DUAL_STACK_LAB = `name: t
networks: { physnet: {} }
chassis:
  hv1: { bridge_mappings: { physnet: br-ex } }
switches:
  lan: { subnet: 10.50.0.0/24, subnet6: fd00:50::/64 }
  public: { subnet: 172.16.0.0/24, subnet6: fd00:16::/64, provider: physnet }
routers:
  r1:
    ports: [{ switch: lan, ip: 10.50.0.1, ip6: fd00:50::1 }, { switch: public, ip: 172.16.0.10, ip6: fd00:16::10, gateway_chassis: [hv1] }]
    nat: [{ type: snat, external_ip: 172.16.0.10, logical_ip: 10.50.0.0/24 }]
vms:
  vm1: { chassis: hv1, switch: lan, ip: 10.50.0.11 }
`;

/** A topology text's NB configuration as one ovn-nbctl line. */
export const nbLine = (text: string) => logicalNetworkArgv(parseTopology(text, 'f.yaml')).join(' ');
