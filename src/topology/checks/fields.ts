import * as z from 'zod';
import { nodeNames, type Lab } from '../model.js';

export { nodeNames };
import type { CheckProblem } from './spec.js';
import { parseIpv4 } from '../net.js';
import { canonical6, parseIpv6 } from '../net6.js';

/** Fields every check kind's schema starts with. */
export function checkFields<K extends string>(kind: K) {
  return {
    // Names are printed on terminals and in reports: a newline or an escape could forge another line.
    name: z
      .string()
      .min(1)
      // eslint-disable-next-line no-control-regex -- control characters are what it refuses
      .regex(/^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/, 'a check name of printable characters (no newline, tab, escape or bidi mark)')
      .describe('what the check proves, shown in reports'),
    kind: z.literal(kind),
    timeout: z.number().positive().max(600).optional().describe('seconds to keep trying (or, for negative checks, to wait out)'),
    ovn: z
      .string()
      .regex(/^(>=|<)\d{2}\.\d{2}$/, "a version range like '>=24.03' or '<24.03'")
      .optional()
      .describe("only where the lab's OVN is in this range ('>=24.03', '<24.03'): what OVN does differently by version; elsewhere the check is skipped and says why"),
  };
}

/** The fields of a check that pings: from a node, to a VM, host or address, a count. */
export function pingFields() {
  return {
    from: z.string().describe('node that pings (a VM, chassis or central)'),
    to: z.string().describe('a VM or host name, or an IPv4 or IPv6 address'),
    count: z.number().int().min(1).max(100).default(3).describe('echo requests per attempt'),
    family: familyField,
  };
}

/** Which address of a VM named in `to` a check means: its IPv4 one (default) or its IPv6 one. */
export const familyField = z
  .union([z.literal(4), z.literal(6)])
  .default(4)
  .describe("with a VM name in 'to': 4 for its IPv4 address, 6 for its IPv6 one");

export const ipv4Field = z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address like 172.16.255.130');

/** A problem when `name` is not one of `names`, listing them. */
export function unknownName(what: string, name: string, names: string[]): string | undefined {
  const plural = what.endsWith('s') ? what : `${what}s`;
  return names.includes(name) ? undefined : `unknown ${what} '${name}' (${plural} in this lab: ${names.join(', ') || 'none'})`;
}

/** The address a check target means: a VM's or host's address by its name (IPv6 with family 6), or an address as written. */
export function targetAddress(lab: Lab, to: string, family: 4 | 6 = 4): string | undefined {
  const vm = lab.vms.find((v) => v.name === to);
  const node = vm ?? lab.hosts.find((h) => h.name === to);
  if (node) return family === 6 ? (vm ? vm.ipv6?.ip : lab.hosts.find((h) => h.name === to)?.ip6) : node.ip;
  // A namespace's address: that of its first link end with one.
  const end = lab.namespaces.some((n) => n.name === to) ? lab.links.flatMap((l) => l.ends).find((e) => e.node === to && e.address) : undefined;
  if (end) return family === 6 ? undefined : end.address!.split('/')[0];
  return parseIpv4(to) !== undefined ? to : parseIpv6(to) !== undefined ? canonical6(to) : undefined;
}

/** Problems of a check's `from` (a node, or a VM with `vmOnly`) and `to` (a VM, host or address). */
export function fromToProblems(lab: Lab, spec: { from: string; to: string; family?: 4 | 6 }, opts: { vmOnly?: boolean; toOptional?: boolean } = {}): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const from = opts.vmOnly
    ? unknownName(
        'VM',
        spec.from,
        lab.vms.map((v) => v.name),
      )
    : unknownName('node', spec.from, nodeNames(lab));
  if (from) problems.push({ field: 'from', message: from });
  const named = [...lab.vms, ...lab.hosts, ...lab.namespaces].some((n) => n.name === spec.to);
  if (named && spec.family === 6 && !targetAddress(lab, spec.to, 6)) {
    problems.push({ field: 'family', message: `'${spec.to}' has no IPv6 address: its switch has no subnet6` });
  } else if (named && spec.family !== 6 && lab.vms.some((v) => v.name === spec.to && v.ip === undefined)) {
    problems.push({ field: 'to', message: `'${spec.to}' has no IPv4 address (its switch is IPv6 only): add family: 6` });
  } else if (!opts.toOptional && !targetAddress(lab, spec.to, spec.family)) {
    const names = [...lab.vms, ...lab.hosts, ...lab.namespaces].map((n) => n.name).join(', ');
    problems.push({ field: 'to', message: `'${spec.to}' is neither a VM, host or namespace with an address in this lab (${names}) nor an IPv4 or IPv6 address` });
  }
  return problems;
}

/** Problems of check fields that must each name a node of the lab: { field: name }. */
export function nodeProblems(lab: Lab, fields: Record<string, string | undefined>): CheckProblem[] {
  const names = nodeNames(lab);
  return Object.entries(fields).flatMap(([field, name]) => {
    const message = name === undefined ? undefined : unknownName('node', name, names);
    return message ? [{ field, message }] : [];
  });
}

/** The problem of a check field (`chassis` unless said) that must name a chassis of the lab, if any. */
export function chassisProblems(lab: Lab, name: string, field = 'chassis'): CheckProblem[] {
  const message = unknownName(
    'chassis',
    name,
    lab.chassis.map((c) => c.name),
  );
  return message ? [{ field, message }] : [];
}

/** Problems of a check's list of chassis names. */
export function chassisListProblems(lab: Lab, list: string[] | undefined): CheckProblem[] {
  const names = lab.chassis.map((c) => c.name);
  return (list ?? []).flatMap((c, i) => {
    const message = unknownName('chassis', c, names);
    return message ? [{ field: `chassis.${i}`, message }] : [];
  });
}
