import { UserError } from '../base/errors.js';
import { formatIpv4, macFromIpv4, maskOf, parseIpv4, type Cidr } from './net.js';
import { ENGINE_URL } from './engine-url.js';
import type { Engine, Lab } from './model.js';

/** Docker's overlay network MTU when none is given: a 1500-byte link less VXLAN's 50 bytes. */
export const DOCKER_OVERLAY_MTU = 1450;

/** What OVN's tunnel adds to a VM's packet on the underlay (Geneve with OVN's option, or VXLAN). */
export const ENCAP_OVERHEAD = { geneve: 58, vxlan: 50 } as const;

/**
 * Engines as `--engines` and LAB_ENGINES take them: `name=URL,name=URL`, or plain `URL,URL`
 * (named engine1, engine2…). Refused with what to write when a part is not an engine address.
 */
export function parseEngines(text: string, source: string): Engine[] {
  const engines = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, i) => {
      const m = /^([a-z0-9][a-z0-9-]{0,14})=(.*)$/.exec(part);
      return { name: m ? m[1]! : `engine${i + 1}`, url: m ? m[2]! : part };
    });
  if (!engines.length) throw new UserError(`${source} names no engine`, 'give engines as NAME=URL,NAME=URL, e.g. a=unix:///var/run/docker.sock,b=ssh://me@box2');
  for (const e of engines) {
    if (!ENGINE_URL.test(e.url)) throw new UserError(`${source}: '${e.url}' is not a Docker engine address`, 'write it as DOCKER_HOST takes it: unix:///var/run/docker.sock, tcp://HOST:2376 or ssh://USER@HOST');
  }
  const names = engines.map((e) => e.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new UserError(`${source} names engine '${twice}' twice`);
  return engines;
}

/** The engines a placed lab's nodes are on, in the order of its engines. */
export function enginesSpanned(lab: Lab): string[] {
  const used = new Set([lab.central.engine, ...(lab.central.members ?? []).map((m) => m.engine), ...lab.chassis.map((c) => c.engine), ...lab.hosts.map((h) => h.engine)]);
  return (lab.engines ?? []).map((e) => e.name).filter((n) => used.has(n));
}

/**
 * Each chassis' address and the MAC of its eth0, the port under br-phy that also carries the
 * chassis' SB connection around OVS (see startChassis): central holds it as the chassis' neighbour.
 * Its own (0c:00 and the address), so that the tunnels' frames, sent to br-phy's MAC, stay OVS's;
 * across Docker engines br-phy's, the only MAC the overlay delivers to the container.
 */
export function chassisNics(lab: Lab): { name: string; ip: string; mac: string }[] {
  const acrossEngines = enginesSpanned(lab).length > 1;
  return lab.chassis.map((c) => ({ name: c.name, ip: c.ip, mac: acrossEngines ? c.mac : macFromIpv4(0x0c, parseIpv4(c.ip)!) }));
}

/** The engine a node runs on (a VM or namespace: its chassis'); undefined for a lab on the local engine. */
export function engineOfNode(lab: Lab, node: string): string | undefined {
  const member = lab.central.members?.find((m) => m.name === node);
  if (member) return member.engine;
  if (node === lab.central.name) return lab.central.engine;
  const inside = [...lab.vms, ...lab.namespaces].find((v) => v.name === node)?.chassis;
  return [...lab.chassis, ...lab.hosts].find((n) => n.name === (inside ?? node))?.engine;
}

/**
 * The addresses of the underlay an overlay network leaves to Docker, which gives every engine an
 * address of its own on it: the top sixteenth-or-so of the subnet (the gateway, the last, within).
 */
export function overlayAutoRange(subnet: Cidr): { cidr: string; first: number; gateway: string } {
  const size = 2 ** (32 - subnet.prefix);
  const block = Math.max(4, Math.min(16, size / 8));
  const broadcast = (subnet.network | ~maskOf(subnet.prefix)) >>> 0;
  const first = broadcast + 1 - block;
  return { cidr: `${formatIpv4(first)}/${32 - Math.log2(block)}`, first, gateway: formatIpv4(broadcast - 1) };
}
