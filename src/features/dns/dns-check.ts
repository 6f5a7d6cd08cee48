import * as z from 'zod';
import { checkFields, unknownName } from '../../topology/checks/fields.js';
import type { CheckProblem, CheckSpecKind } from '../../topology/checks/spec.js';
import type { Lab } from '../../topology/model.js';
import { addressOf } from './rules.js';

const schema = z.strictObject({
  ...checkFields('dns'),
  from: z.string().describe('the VM that asks'),
  query: z.string().min(1).describe('the name asked for; with type PTR, the address whose name is asked for (the probe makes its in-addr.arpa or ip6.arpa name)'),
  type: z.enum(['A', 'AAAA', 'PTR']).default('A').describe('the question: A (IPv4 addresses), AAAA (IPv6 addresses) or PTR (the name of an address)'),
  server: z.string().optional().describe("where the question is sent, UDP port 53 (OVN answers on the way, whatever the address): default the dns_server the VM's switch hands out by DHCP"),
  answer: z.array(z.string()).min(1).optional().describe('with expect answer: the addresses (or, for PTR, names) the answer has, in any order; default any'),
  expect: z
    .enum(['answer', 'none', 'refused'])
    .default('answer')
    .describe(
      'answer: an answer with records (NOERROR); none: no DNS answer at all (OVN does not know the name and leaves the question to the server it was sent to); refused: REFUSED (a name of an ovn_owned set without an address of that family)',
    ),
  edns: z.boolean().default(false).describe('add an EDNS(0) OPT record to the question, as dig does by default (OVN answers such questions from 23.03.3, 23.09.2 and 24.03.0; 23.03.1 ignores them)'),
});
export type DnsCheck = z.infer<typeof schema>;

/** The server a check's question goes to: its own, or the DNS server its VM's switch hands out. */
export function dnsServerOf(spec: DnsCheck, lab: Lab): string | undefined {
  if (spec.server !== undefined) return addressOf(spec.server) ?? spec.server;
  const vm = lab.vms.find((v) => v.name === spec.from);
  const sw = lab.switches.find((s) => s.name === vm?.switch);
  return /^\{?([^,}\s]+)/.exec(sw?.dhcp?.options.dns_server ?? '')?.[1];
}

/** What an A, AAAA or PTR answer has, canonical (addresses in their shortest form, names in lower case). */
export function canonicalRecord(type: DnsCheck['type'], record: string): string {
  return type === 'PTR' ? record.toLowerCase().replace(/\.$/, '') : (addressOf(record) ?? record);
}

function problems(spec: DnsCheck, lab: Lab): CheckProblem[] {
  const out: CheckProblem[] = [];
  const from = unknownName(
    'VM',
    spec.from,
    lab.vms.map((v) => v.name),
  );
  if (from) out.push({ field: 'from', message: from });
  const server = dnsServerOf(spec, lab);
  if (spec.server !== undefined && addressOf(spec.server) === undefined) out.push({ field: 'server', message: `'${spec.server}' is not an IPv4 or IPv6 address` });
  else if (!from && server === undefined) out.push({ field: 'from', message: `${spec.from}'s switch hands out no dns_server by DHCP: give the address to ask with server:` });
  if (spec.type === 'PTR' && addressOf(spec.query) === undefined) out.push({ field: 'query', message: `a PTR question asks for the name of an address: '${spec.query}' is not an IPv4 or IPv6 address` });
  if (spec.type !== 'PTR' && addressOf(spec.query) !== undefined) out.push({ field: 'query', message: `'${spec.query}' is an address: ask type: PTR for its name` });
  if (spec.answer && spec.expect !== 'answer') out.push({ field: 'answer', message: `answer goes with expect: answer (expect ${spec.expect} has no records)` });
  (spec.answer ?? []).forEach((a, i) => {
    const address = addressOf(a);
    const want = spec.type === 'A' ? 'an IPv4 address' : spec.type === 'AAAA' ? 'an IPv6 address' : 'a name';
    const fits = spec.type === 'PTR' ? address === undefined : address !== undefined && address.includes(':') === (spec.type === 'AAAA');
    if (!fits) out.push({ field: `answer.${i}`, message: `${spec.type === 'PTR' ? 'a' : 'an'} ${spec.type} answer is ${want}, not '${a}'` });
  });
  return out;
}

export const dnsSpec: CheckSpecKind<DnsCheck> = {
  kind: 'dns',
  summary: "a VM's DNS question (A, AAAA or PTR, over UDP) gets the expected answer, no answer, or REFUSED",
  schema,
  validate: problems,
  // No answer must hold for the whole timeout, like any negative check.
  negative: (spec) => spec.expect === 'none',
  expected: (spec, lab) =>
    `${spec.type} ${spec.query}${spec.edns ? ' (EDNS)' : ''} from ${spec.from} to ${dnsServerOf(spec, lab) ?? '?'}: ${
      spec.expect === 'answer' ? `answer ${spec.answer ? spec.answer.join(' ') : 'with records'}` : spec.expect === 'refused' ? 'REFUSED' : 'no answer'
    }`,
};
