import * as z from 'zod';

/** A meter's name: what an ACL's log: { meter } names (OVN's Meter.name). */
const meterName = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]+$/, 'a meter name of letters, digits, ".", ":", "-" and "_"')
  .max(63, 'at most 63 characters');

const meterSchema = z
  .strictObject({
    rate: z.number().int().min(1).max(4294967295).describe('packets per second (unit pktps) or kbit/s (unit kbps) let through; what is above is dropped (band type drop)'),
    unit: z.enum(['pktps', 'kbps']).describe('pktps: packets per second; kbps: kilobits per second'),
    burst: z.number().int().min(1).max(4294967295).optional().describe('packets (pktps) or kilobits (kbps) let through at once above the rate'),
    fair: z.boolean().default(false).describe('each ACL that names the meter gets a meter of its own (ovn-nbctl meter-add --fair); without it every ACL naming it shares one rate'),
  })
  .describe("a row of OVN's Meter table (ovn-nbctl meter-add): a rate limit an ACL's logging names (log: { meter }), so a flood logs a few lines, not one per packet");

const qosSchema = z
  .strictObject({
    switch: z.string().optional().describe("the logical switch the rule is on (default: the switch of vm's port)"),
    vm: z.string().optional().describe('the VM whose traffic the rule is for: the match starts with inport == its port (from-lport) or outport == its port (to-lport)'),
    direction: z.enum(['from-lport', 'to-lport']).describe("from-lport: as packets enter the switch from a port (on the sender's chassis); to-lport: as they leave it to a port"),
    priority: z.number().int().min(0).max(32767).describe('the highest-priority rule that matches a packet applies (on OVN before 24.09, one for marking and one for metering)'),
    match: z.string().min(1).optional().describe("OVN's match language, e.g. 'udp.dst == 5202' (with vm, and-ed with its port's; without vm, the whole match)"),
    rate: z.number().int().min(1).max(4294967295).optional().describe('a rate limit in kbit/s (qos-add rate=): packets above it are dropped by an OpenFlow meter on the chassis that evaluates the rule'),
    burst: z.number().int().min(1).max(4294967295).optional().describe('kilobits let through at once above the rate (qos-add burst=)'),
    dscp: z.number().int().min(0).max(63).optional().describe("the DSCP value written into the IP header's traffic class (qos-add dscp=): 46 is EF, 10 AF11"),
  })
  .describe("a row of OVN's QoS table on a switch (ovn-nbctl qos-add): a rate limit, a DSCP mark, or both, for the packets its match selects");

/** The keys QoS and meters add to a topology file. */
export const qosShape = {
  qos: z.array(qosSchema).default([]).describe("QoS rules on logical switches (OVN's QoS table): rate limits and DSCP marking"),
  meters: z.record(meterName, meterSchema).default({}).describe("meters by name (OVN's Meter table), for ACLs' logging (log: { meter })"),
};

export type RawQos = z.infer<z.ZodObject<typeof qosShape>>;
export type RawQosRule = z.infer<typeof qosSchema>;
