import { commandArgv } from '../base/exec.js';
import { count } from '../base/text.js';
import { chassisRows, startCentral } from '../ovn/central.js';
import { NET_ONLY } from '../ovn/node-shell.js';
import { chassisTemplate, chassisTemplateCommand, type ChassisTemplate } from '../ovn/chassis-template.js';
import { startChassis } from '../ovn/chassis.js';
import { announceTunnelAddress, announcesTunnels, completeNeighbours } from '../ovn/announce.js';
import { logicalNetworkTransactions } from '../ovn/logical-network.js';
import { makeCertificates } from '../ovn/pki.js';
import { waitClusterFormed, waitRegistered, waitRegisteredBoundSynced } from '../ovn/waits.js';
import { centralNames, tunnelPeers, type Host, type Lab, type Vm } from '../topology/model.js';
import { underlayMac } from '../topology/net.js';
import { chassisNics } from '../topology/engines.js';
import { vmAddress, vmAddresses6 } from '../vm/address.js';
import { addressHost, addressVm, directPlug, vmPlugs } from '../vm/vm.js';
import { plugIntoBrInt, type Plug } from '../ovn/br-int.js';
import { startServers } from '../vm/servers.js';
import { applyRouting, routedNodes } from '../vm/routing.js';
import type { LabContext } from '../ovn/lab-context.js';
import { features } from '../features/registry.js';
import type { ChassisLink, UpAnchor } from '../features/feature.js';
import type { FeatureStep, UpEnv, UpStep } from './step.js';

export type { UpEnv, UpStep } from './step.js';

/** Every feature's steps for a lab, in the registry's order (their modules loaded now). */
async function featureSteps(lab: Lab): Promise<FeatureStep[]> {
  const modules = await Promise.all(features.flatMap((f) => (f.up ? [f.up()] : [])));
  return modules.flatMap((m) => m.steps(lab)).filter((s): s is FeatureStep => s !== false);
}

/**
 * The steps `up` takes for a lab, in order: the one place they are listed. `up` runs them, the
 * progress display announces them, `lab script` runs them against a runtime that writes commands
 * down instead of running them. A step a lab does not need is left out. Features' steps come after
 * the core's step they name, in the registry's order.
 */
export async function upSteps(lab: Lab): Promise<UpStep[]> {
  const placed = await featureSteps(lab);
  const after = (anchor: UpAnchor) => placed.filter((s) => s.after === anchor);
  const steps: (UpStep | false)[] = [
    underlayStep(lab),
    // Provider networks (a feature's step) before the nodes plugged into them.
    ...after('underlay'),
    nodesStep(lab),
    ...after('nodes'),
    lab.central.ssl && certificatesStep(lab),
    // A single central starts beside the chassis (each waits for its SB before ovn-controller
    // connects); a cluster forms first. The logical network comes once every chassis has
    // registered (see logicalStep).
    !!lab.central.members && clusterStep(lab),
    !lab.central.members && centralStep(lab),
    ...chassisSteps(lab),
    logicalStep(lab),
    announcesTunnels(lab) && neighboursStep(lab),
    ...after('tunnels'),
    boundStep(lab),
    // Security's ACLs parsed, then the services (servers first: VMs on their switches ask them for leases next).
    ...after('bound'),
    // VMs (services are addressed already) and hosts outside OVN, in parallel.
    ...lab.vms.filter((v) => !v.service).map(vmAddressStep),
    ...lab.hosts.map(hostAddressStep),
    ...after('addresses'),
    routedNodes(lab).length > 0 && routingStep(lab),
    serversStep(lab),
    ...lab.setup.map(setupStep),
  ];
  return steps.filter((s): s is UpStep => s !== false);
}

function underlayStep(lab: Lab): UpStep {
  return { id: 'underlay', title: `underlay ${lab.underlay.subnet.text}`, run: ({ runtime }) => runtime.createUnderlay(lab.underlay.subnet.text) };
}

/** Central (or its members), the chassis with their links into features' networks (provider networks), and hosts, side by side. */
function nodesStep(lab: Lab): UpStep {
  return {
    id: 'nodes',
    title: `nodes: ${[...centralNames(lab), ...lab.chassis.map((c) => c.name), ...lab.hosts.map((h) => h.name)].join(', ')}`,
    run: async ({ runtime, each }) => {
      const prefix = lab.underlay.subnet.prefix;
      const centrals = lab.central.members ?? [{ name: lab.central.name, ip: lab.central.ip }];
      type Made = { name: string; ip: string; mac: string; links: ChassisLink[] };
      // Every MAC on the underlay is fixed: central's and a chassis' eth0's are each other's neighbours.
      const links = new Map(lab.chassis.map((c) => [c.name, features.flatMap((f) => f.chassisLinks?.(c) ?? [])]));
      const made: Made[] = [...centrals.map((m) => ({ name: m.name, ip: m.ip, mac: underlayMac(m.ip), links: [] })), ...chassisNics(lab).map((c) => ({ ...c, links: links.get(c.name) ?? [] }))];
      await each(made, async (node) => {
        await runtime.createNode({ name: node.name, ip: node.ip, prefix, mac: node.mac });
        for (const l of node.links) await runtime.connectToNetwork(node.name, l.network, l.iface);
      });
      await each(lab.hosts, (h) => runtime.createHost(h));
      await runtime.checkUnderlay?.();
    },
  };
}

function certificatesStep(lab: Lab): UpStep {
  return {
    id: 'certificates',
    title: `certificates: a CA and keys for ${[lab.central.name, ...lab.chassis.map((c) => c.name)].join(', ')} (ovs-pki)`,
    run: ({ runtime, ctx }) =>
      makeCertificates(
        runtime,
        ctx.central(),
        lab.chassis.map((c) => ctx.node(c.name)),
      ),
  };
}

/** The first member creates the NB and SB clusters; the others join it, one after another. */
function clusterStep(lab: Lab): UpStep {
  const members = lab.central.members ?? [];
  return {
    id: 'central',
    title: `central cluster of ${members.length}: ${members.map((m) => `${m.name} ${m.ip}`).join(', ')}: NB and SB Raft clusters, ovn-northd on each, the chassis' SB rows`,
    run: async ({ ctx }) => {
      for (const m of members) await startCentral(ctx.node(m.name), lab.central, chassisNics(lab));
      await waitClusterFormed(ctx.central(), members.length);
      // Through every member, to the leader (see chassisRows); the chassis steps come after this one.
      await ctx.central().runAll(chassisRows(lab.chassis));
    },
  };
}

/** A single central, beside the chassis. */
function centralStep(lab: Lab): UpStep {
  return {
    id: 'central',
    group: 'chassis',
    title: `central ${lab.central.ip}: NB and SB databases${lab.central.ssl ? ' (SSL)' : ''}, the chassis' SB rows, ovn-northd`,
    run: ({ ctx }) => startCentral(ctx.central(), lab.central, chassisNics(lab), lab.chassis),
  };
}

/**
 * The logical network, in as few transactions as fit, once every chassis has registered. Each
 * chassis that registers (its Chassis row, its tunnel) makes every ovn-controller recompute all its
 * flows, and with one switch over many chassis every chassis computes every port's flows: written
 * first, the network made the registrations cost O(chassis² × ports). Written after, they recompute
 * next to nothing, and the network is computed once per chassis, incrementally.
 */
function logicalStep(lab: Lab): UpStep {
  const transactions = logicalNetworkTransactions(lab);
  return {
    id: 'logical',
    title: `logical network, once ${lab.chassis.length === 1 ? 'the chassis has' : `the ${lab.chassis.length} chassis have`} registered: ${count(lab.switches.length, 'switch')}, ${count(lab.vms.length, 'port')} (${transactions.length <= 1 ? 'one transaction' : `${transactions.length} transactions`})`,
    run: async ({ ctx }) => {
      await waitRegistered(
        ctx.central(),
        lab.chassis.map((c) => c.name),
      );
      for (const argv of transactions) await ctx.central().run(argv);
      // OVN 26.03's northd, handed the whole network incrementally while it ran, made none of its
      // switches' Multicast_Group rows (no flooding: a VM's broadcast DHCPDISCOVER never left its
      // chassis, and dnsmasq-ha got no lease on sid); a full recompute makes them. Older northd
      // builds the same either way, and one without the command ignores it.
      for (const name of centralNames(lab)) await ctx.node(name).run(['sh', '-c', 'ovn-appctl -t ovn-northd inc-engine/recompute >/dev/null 2>&1 || true']);
    },
  };
}

/** Each chassis' step, with its VMs and their indexes in the lab: found in one pass, not one per chassis (1000 chassis, 2000 VMs). */
function chassisSteps(lab: Lab): UpStep[] {
  const vmsOf = new Map<string, [number, Vm][]>();
  for (const [i, vm] of lab.vms.entries()) {
    const on = vmsOf.get(vm.chassis) ?? [];
    on.push([i, vm]);
    vmsOf.set(vm.chassis, on);
  }
  const template = chassisTemplate(lab, (c) => features.flatMap((f) => f.chassisCommands?.(lab, c, 'netdev') ?? []));
  const templated = new Set(template?.others.map((c) => c.name));
  const steps = lab.chassis.map((c) => chassisStep(lab, c, vmsOf.get(c.name) ?? [], templated.has(c.name)));
  // Right after the first chassis' step: the others, started beside it, wait for their rows.
  if (template) steps.splice(1, 0, templateStep(lab, template));
  return steps;
}

/** Central fills in the rows of the chassis configured as the first, from its own (see chassisTemplateCommand). */
function templateStep(lab: Lab, template: ChassisTemplate): UpStep {
  return {
    id: 'chassis-template',
    group: 'chassis',
    title: `the SB rows of ${template.others.length === 1 ? 'the other chassis' : `${template.others.length} other chassis`} filled in from ${template.first.name}'s, once it has registered`,
    run: async ({ ctx }) => void (await ctx.central().run(chassisTemplateCommand(template, 30 + Math.ceil(lab.chassis.length / 10)), NET_ONLY)),
  };
}

/**
 * A chassis with its VMs, the chassis side by side. A VM's namespace and link are made first, and a
 * VM with one interface on its switch is plugged by the chassis' start (see startChassis); a VM
 * with VLANs or more interfaces, after it (its index names its trunk and extra ports).
 */
function chassisStep(lab: Lab, c: Lab['chassis'][number], vms: readonly [number, Vm][], templated: boolean): UpStep {
  return {
    id: `chassis:${c.name}`,
    group: 'chassis',
    title: `chassis ${c.name} ${c.ip}: ovs-vswitchd, br-phy, ${vms.length ? `${vms.length === 1 ? 'VM' : 'VMs'} ${vms.map(([, v]) => v.name).join(', ')} plugged into br-int, ` : ''}ovn-controller`,
    run: async ({ runtime, ctx, datapath }) => {
      await runtime.createVms(vms.map(([, vm]) => vm));
      const direct = vms.map(([, vm]) => directPlug(vm));
      await startChassis(
        ctx.node(c.name),
        lab,
        c,
        datapath,
        features.flatMap((f) => f.chassisCommands?.(lab, c, datapath) ?? []),
        direct.flatMap((p) => p ?? []),
        templated,
      );
      const plugs: Plug[] = [];
      for (const [k, [i, vm]] of vms.entries()) if (!direct[k]) plugs.push(...(await vmPlugs(runtime, ctx.node(c.name), vm, i, datapath)));
      await plugIntoBrInt(ctx.node(c.name), plugs);
      return `${datapath} datapath`;
    },
  };
}

function neighboursStep(lab: Lab): UpStep {
  return {
    id: 'neighbours',
    title: 'tunnel addresses announced (a gratuitous ARP from each chassis, learned by the others; what one missed is set)',
    run: async ({ ctx }) => {
      await Promise.all(lab.chassis.map((c) => announceTunnelAddress(ctx.node(c.name), c)));
      // What a chassis did not learn is set: announcements that came before its own address was
      // known to OVS, and every chassis on another Docker engine (a broadcast does not cross).
      await Promise.all(lab.chassis.map((c) => completeNeighbours(ctx.node(c.name), tunnelPeers(c, lab.chassis))));
    },
  };
}

function boundStep(lab: Lab): UpStep {
  return {
    id: 'bound',
    title: 'chassis registered, ports bound and flows installed (ovn-nbctl --wait=hv sync)',
    run: async ({ ctx }) => {
      // A localport is never bound to one chassis, so it never goes up.
      const ports = [...lab.vms.filter((v) => !v.localport).flatMap((v) => [v.port, ...v.vlans.map((c) => c.port), ...(v.nics ?? []).map((nic) => nic.port)]), ...lab.hosts.flatMap((h) => (h.externalPort ? [h.externalPort.port] : []))];
      await waitRegisteredBoundSynced(
        ctx.central(),
        lab.chassis.map((c) => c.name),
        ports,
      );
    },
  };
}

function vmAddressStep(vm: Vm): UpStep {
  const how = [vm.ip !== undefined ? (vm.dhcp ? 'DHCP lease' : 'static address') : '', vm.ipv6 ? `IPv6 ${IPV6_HOW[vm.ipv6.mode]}` : ''].filter(Boolean).join(', ');
  return {
    id: `address:${vm.name}`,
    group: 'addresses',
    title: `${vm.name}: ${how}${vm.vlans.length ? ` and VLANs ${vm.vlans.map((x) => x.tag).join(', ')}` : ''}`,
    run: (env) => addressed(env, vm.name, (node) => addressVm(node, vm)),
  };
}

function hostAddressStep(h: Host): UpStep {
  return {
    id: `address:${h.name}`,
    group: 'addresses',
    title: `host ${h.name}: ${h.dhcp ? 'DHCP lease from OVN (external port)' : 'static address'}`,
    run: (env) => addressed(env, h.name, (node) => addressHost(node, h)),
  };
}

function routingStep(lab: Lab): UpStep {
  return {
    id: 'routing',
    title: `addresses on links, forwarding and static routes: ${routedNodes(lab)
      .map((node) => node.name)
      .join(', ')}`,
    run: ({ ctx }) => applyRouting(lab, (name) => ctx.node(name)),
  };
}

function serversStep(lab: Lab): UpStep | false {
  const serving = [...lab.vms, ...lab.hosts, ...lab.namespaces].filter((node) => node.servers.length);
  return (
    serving.length > 0 && {
      id: 'servers',
      title: `servers: ${serving.flatMap((node) => node.servers.map((s) => `${node.name} ${s.kind}/${s.port}`)).join(', ')}`,
      run: async ({ ctx }) => {
        for (const node of serving) await startServers(ctx.node(node.name), node.servers);
      },
    }
  );
}

function setupStep(s: Lab['setup'][number], i: number): UpStep {
  return {
    id: `setup:${i}`,
    title: `setup in ${s.node}: ${typeof s.command === 'string' ? s.command : s.command.join(' ')}`,
    run: async ({ ctx }) => void (await ctx.node(s.node).run(commandArgv(s.command))),
  };
}

/** Addresses a node, then records and reports the address it has (that of its lease, read with it). */
async function addressed(env: UpEnv, name: string, assign: (node: ReturnType<LabContext['node']>) => Promise<string | undefined>): Promise<string> {
  const node = env.ctx.node(name);
  const leased = await assign(node);
  const address = leased ?? (await vmAddress(node)) ?? (await vmAddresses6(node))[0] ?? '';
  env.addresses.push({ node: name, address });
  return address;
}

/** How a VM gets its IPv6 address, as the up step says it. */
const IPV6_HOW = { static: 'static', slaac: 'by SLAAC from the router advertisement', dhcpv6: 'by DHCPv6 lease' } as const;
