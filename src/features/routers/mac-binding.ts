import * as z from 'zod';
import { checkFields, unknownName } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import type { Lab } from '../../topology/model.js';
import { parseIpv4 } from '../../topology/net.js';
import { canonical6, parseIpv6 } from '../../topology/net6.js';

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

const schema = z.strictObject({
  ...checkFields('mac_binding'),
  router: z.string().describe('the logical router whose port resolved the address'),
  ip: z.string().describe('the IPv4 or IPv6 address it resolved (by ARP or neighbour discovery): a host outside OVN, a next hop'),
  mac: z.string().optional().describe('with expect learned: the MAC it learned, or the VM or host whose MAC it is (default: any)'),
  port: z.string().optional().describe('the router port that learned it (default: any port of the router)'),
  expect: z
    .enum(['learned', 'gone'])
    .default('learned')
    .describe("learned: the SB has a MAC_Binding row of the router for the address (waits until it has); gone: it has none (waits until the row is removed: aged out by the router's mac_binding_age_threshold, or deleted)"),
});
export type MacBindingCheck = z.infer<typeof schema>;

/** An address in one spelling (IPv6 in its shortest form), undefined when it is none. */
export function addressKey(ip: string): string | undefined {
  if (parseIpv4(ip) !== undefined) return ip;
  return parseIpv6(ip) !== undefined ? canonical6(ip) : undefined;
}

/** The MAC a check expects: its own, or its node's; undefined for any. */
export function expectedMac(spec: MacBindingCheck, lab: Lab): string | undefined {
  if (spec.mac === undefined || MAC.test(spec.mac)) return spec.mac?.toLowerCase();
  return [...lab.vms, ...lab.hosts].find((n) => n.name === spec.mac)?.mac.toLowerCase();
}

/** The router ports a check looks at: its own, or every port of its router. */
export function watchedPorts(spec: MacBindingCheck, lab: Lab): string[] {
  const ports = lab.routers.find((r) => r.name === spec.router)?.ports.map((p) => p.name) ?? [];
  return spec.port !== undefined ? ports.filter((p) => p === spec.port) : ports;
}

function problems(spec: MacBindingCheck, lab: Lab): CheckProblem[] {
  const out: CheckProblem[] = [];
  const router = lab.routers.find((r) => r.name === spec.router);
  const unknown = unknownName(
    'router',
    spec.router,
    lab.routers.map((r) => r.name),
  );
  if (unknown) out.push({ field: 'router', message: unknown });
  if (addressKey(spec.ip) === undefined) out.push({ field: 'ip', message: `'${spec.ip}' is not an IPv4 or IPv6 address` });
  if (router && spec.port !== undefined && !router.ports.some((p) => p.name === spec.port)) {
    out.push({ field: 'port', message: `'${spec.port}' is not a port of ${spec.router} (its ports: ${router.ports.map((p) => p.name).join(', ')})` });
  }
  if (spec.mac !== undefined && spec.expect === 'gone') out.push({ field: 'mac', message: 'mac goes with expect: learned (a row that is gone has no MAC)' });
  else if (spec.mac !== undefined && expectedMac(spec, lab) === undefined) {
    const nodes = [...lab.vms, ...lab.hosts].map((n) => n.name);
    out.push({ field: 'mac', message: `'${spec.mac}' is neither a MAC (02:00:ac:10:00:01) nor a VM or host of this lab (${nodes.join(', ')})` });
  }
  return out;
}

/** What a check expects, as a failure prints it. */
function expected(spec: MacBindingCheck, lab: Lab): string {
  const where = spec.port !== undefined ? `${spec.router} (${spec.port})` : spec.router;
  if (spec.expect === 'gone') return `${where}: no MAC_Binding for ${spec.ip}`;
  const mac = expectedMac(spec, lab);
  return `${where}: ${spec.ip} is-at ${mac ?? 'any MAC'}${mac !== undefined && spec.mac !== mac ? ` (${spec.mac})` : ''}`;
}

export const macBindingSpec: CheckSpecKind<MacBindingCheck> = {
  kind: 'mac_binding',
  summary: "a router port learned an address's MAC (its SB MAC_Binding row), or the row is gone (waits for it to go)",
  schema,
  validate: problems,
  negative: () => false,
  expected,
};
