import * as z from 'zod';
import { nodeName } from '../../topology/schema-types.js';

/**
 * A DNS name as OVN's resolver takes it: labels of letters, digits and "-" joined by dots (one
 * label is a name too), without a trailing dot. OVN keeps names in lower case and answers them
 * whatever the case of the question.
 */
const dnsName = z
  .string()
  .max(253, 'a DNS name has at most 253 characters')
  .regex(/^(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$/, 'a DNS name like vm1.lab.example: labels of letters, digits and "-" (1 to 63 each, not starting or ending with "-") joined by dots');

/** What a name resolves to: a VM or host of the file (its IPv4 and IPv6 addresses) or an address. */
const target = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'a VM or host name, or an IPv4 or IPv6 address');

const recordSetSchema = z
  .strictObject({
    switches: z.array(nodeName).min(1).describe("the logical switches whose VMs it answers (each switch's dns_records)"),
    records: z
      .record(dnsName, z.union([target, z.array(target).min(1)]))
      .refine((r) => Object.keys(r).length > 0, 'a record set has at least one name')
      .describe('name → what it resolves to: a VM or host (its IPv4 and IPv6 addresses), an IPv4 or IPv6 address, or a list of them'),
    reverse: z.boolean().default(false).describe('also answer reverse lookups (PTR): each address gets a <reversed address>.in-addr.arpa (ip6.arpa) record naming the first name that has it'),
    ovn_owned: z
      .boolean()
      .default(false)
      .describe(
        'options:ovn-owned (OVN 24.03 and later): OVN alone answers these names, refusing (REFUSED) an A or AAAA question a name has no address of that family for, instead of letting it go on to the server it was sent to; older OVN has no such column, and lab up stops with the error of ovn-nbctl',
      ),
  })
  .describe("a row of OVN's DNS table: records ovn-controller answers itself, for the VMs of the switches it serves");

/** The key native DNS adds to a topology file. */
export const dnsShape = {
  dns: z.record(nodeName, recordSetSchema).default({}).describe('OVN native DNS: record sets (DNS rows) by name, each on the switches it serves'),
};

export type RawDns = z.infer<z.ZodObject<typeof dnsShape>>;
