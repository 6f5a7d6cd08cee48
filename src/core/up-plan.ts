import { logicalNetworkTransactions } from '../ovn/logical-network.js';
import type { Lab } from '../topology/model.js';
import type { StepInfo } from './events.js';

/** The steps `lab up` announces for a lab, in order; `group` steps run in parallel. */
export function planSteps(lab: Lab): StepInfo[] {
  const switches = lab.switches.length;
  const transactions = logicalNetworkTransactions(lab).length;
  return [
    { id: 'underlay', title: `underlay ${lab.underlay.subnet.text}` },
    ...(lab.networks.length ? [{ id: 'networks', title: `provider networks: ${lab.networks.join(', ')}` }] : []),
    { id: 'nodes', title: `nodes: ${[lab.central.name, ...lab.chassis.map((c) => c.name), ...lab.hosts.map((h) => h.name)].join(', ')}` },
    ...(lab.central.ssl ? [{ id: 'certificates', title: `certificates: a CA and keys for ${[lab.central.name, ...lab.chassis.map((c) => c.name)].join(', ')} (ovs-pki)` }] : []),
    { id: 'central', title: `central ${lab.central.ip}: NB and SB databases${lab.central.ssl ? ' (SSL)' : ''}, ovn-northd` },
    ...lab.chassis.map((c) => ({ id: `chassis:${c.name}`, group: 'chassis', title: `chassis ${c.name} ${c.ip}: ovs-vswitchd, br-phy, ovn-controller` })),
    { id: 'registered', title: 'chassis registered in the SB database' },
    { id: 'logical', title: `logical network: ${switches} switch${switches === 1 ? '' : 'es'}, ${lab.vms.length} port${lab.vms.length === 1 ? '' : 's'} (${transactions <= 1 ? 'one transaction' : `${transactions} transactions`})` },
    { id: 'vms', title: `VMs: ${lab.vms.map((v) => `${v.name} on ${v.chassis}`).join(', ') || 'none'}` },
    { id: 'bound', title: 'ports bound and flows installed (ovn-nbctl --wait=hv sync)' },
    ...(lab.services.length ? [{ id: 'services', title: `services: ${lab.services.map((s) => `${s.kind} ${s.name}`).join(', ')}` }] : []),
    ...lab.vms.filter((v) => !v.service).map((v) => ({ id: `address:${v.name}`, group: 'addresses', title: `${v.name}: ${v.dhcp ? 'DHCP lease' : 'static address'}${v.vlans.length ? ` and VLANs ${v.vlans.map((x) => x.tag).join(', ')}` : ''}` })),
    ...lab.hosts.map((h) => ({ id: `address:${h.name}`, group: 'addresses', title: `host ${h.name}: ${h.dhcp ? 'DHCP lease from OVN (external port)' : 'static address'}` })),
    ...lab.setup.map((s, i) => ({ id: `setup:${i}`, title: `setup in ${s.node}: ${typeof s.command === 'string' ? s.command : s.command.join(' ')}` })),
  ];
}
