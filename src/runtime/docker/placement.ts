import { UserError } from '../../base/errors.js';
import { parseIpv4 } from '../../topology/net.js';
import { DOCKER_OVERLAY_MTU, ENCAP_OVERHEAD, enginesSpanned, overlayAutoRange, parseEngines } from '../../topology/engines.js';
import type { Engine, Lab } from '../../topology/model.js';

/**
 * Where a docker lab's nodes go: the engines given (--engines), else the file's, else LAB_ENGINES,
 * else the local engine.
 */
export function placeDockerLab(lab: Lab, override?: Engine[]): Lab {
  // Docker nodes run the OVN of their image's release; build trees are the netns runtime's.
  if (lab.build || lab.central.build || lab.chassis.some((c) => c.build)) {
    throw new UserError('the lab runs OVN from build trees (ovn:, ovs:, --ovn, --ovs), which only the netns runtime can run', "run it with --runtime netns, or drop the build trees to run a release's image");
  }
  const env = process.env.LAB_ENGINES;
  return placeOnEngines(lab, override ?? (!lab.engines && env ? parseEngines(env, 'LAB_ENGINES') : undefined));
}

/**
 * The lab with every central member, chassis and host on an engine: the one the file names, else
 * central and hosts on the first engine and chassis round-robin over all of them. `override`
 * (--engines, LAB_ENGINES) replaces the file's engines, so a file written for one machine spreads.
 * Across more than one engine the underlay is an overlay network: VM MTUs shrink to fit inside it.
 */
export function placeOnEngines(lab: Lab, override?: Engine[]): Lab {
  const engines = override ?? lab.engines;
  if (!engines?.length) return lab;
  const names = engines.map((e) => e.name);
  const pick = (node: string, given: string | undefined, fallback: string): string => {
    if (given === undefined) return fallback;
    if (!names.includes(given)) throw new UserError(`${node} is on engine '${given}', which the engines given (${names.join(', ')}) do not include`, `name an engine '${given}' in --engines or LAB_ENGINES, or drop the override`);
    return given;
  };
  const centralEngine = pick('central', lab.central.engine, names[0]!);
  const placed: Lab = {
    ...lab,
    engines,
    central: {
      ...lab.central,
      engine: centralEngine,
      ...(lab.central.members ? { members: lab.central.members.map((m) => ({ ...m, engine: centralEngine })) } : {}),
    },
    chassis: lab.chassis.map((c, i) => ({ ...c, engine: pick(`chassis ${c.name}`, c.engine, names[i % names.length]!) })),
    hosts: lab.hosts.map((h) => ({ ...h, engine: pick(`host ${h.name}`, h.engine, names[0]!) })),
  };
  if (enginesSpanned(placed).length < 2) return placed;
  const subnet = placed.underlay.subnet;
  const reserved = overlayAutoRange(subnet);
  for (const n of [...(placed.central.members ?? [placed.central]), ...placed.chassis]) {
    const ip = parseIpv4(n.ip)!;
    if (ip >= reserved.first) {
      throw new UserError(
        `${n.name}'s underlay address ${n.ip} is in ${reserved.cidr}, which a lab across Docker engines leaves to Docker (one address per engine on the overlay network)`,
        `give ${n.name} a lower address, or the underlay a larger subnet`,
      );
    }
  }
  // VMs' packets cross in Geneve (or VXLAN) inside the overlay's own VXLAN. With the underlay's MTU
  // given, VMs shrink to fit in it; without, the overlay grows to carry the VMs' MTU (over a
  // 1500-byte link between machines the engines then fragment the overlay's VXLAN packets).
  const overhead = ENCAP_OVERHEAD[placed.chassis[0]?.encap ?? 'geneve'];
  if (placed.underlay.mtu === undefined) {
    const needed = Math.max(...placed.vms.map((vm) => vm.mtu), 0) + overhead;
    return { ...placed, underlay: { ...placed.underlay, mtu: Math.max(DOCKER_OVERLAY_MTU, needed) } };
  }
  const fits = placed.underlay.mtu - overhead;
  return { ...placed, vms: placed.vms.map((vm) => (vm.mtu > fits ? { ...vm, mtu: fits } : vm)) };
}
