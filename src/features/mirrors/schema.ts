import * as z from 'zod';
import { nodeName } from '../../topology/schema-types.js';

/** The largest GRE key (32 bits); an ERSPAN session ID has 10 bits. */
const MAX_GRE_KEY = 4294967295;
export const MAX_ERSPAN_SESSION = 1023;

const mirrorSchema = z
  .strictObject({
    type: z
      .enum(['gre', 'erspan', 'local'])
      .describe(
        'how mirrored packets travel to the collector: gre (GRE with the index as its key, the whole Ethernet frame inside) or erspan (ERSPAN type II over GRE, the index as its session ID); local (a port of the chassis itself, OVN 25.03 and later, none in 23.03) is refused: lab makes no local collector; lport (OVN 26.03: copies to another logical switch port) is not taken',
      ),
    index: z.number().int().min(0).max(MAX_GRE_KEY).describe(`the tunnel's key: a GRE key (0 to ${MAX_GRE_KEY}) or an ERSPAN session ID and erspan_idx (0 to ${MAX_ERSPAN_SESSION})`),
    filter: z
      .enum(['from-lport', 'to-lport', 'both'])
      .describe("which packets of the ports are mirrored: from-lport (what the VM sends), to-lport (what it receives) or both (OVN 25.03 and later: OVN 23.03's ovn-nbctl refuses it, and lab up stops with its error)"),
    sink: nodeName.describe("the collector: a chassis or the central, whose underlay address the mirrored packets are sent to (the Mirror's sink)"),
    vms: z.array(nodeName).min(1).describe('the VMs whose logical switch ports are mirrored (lsp-attach-mirror): their chassis send the copies'),
  })
  .describe("a row of OVN's Mirror table: copies of the packets of VMs' ports, tunnelled to a collector on the underlay");

/** The key port mirroring adds to a topology file. */
export const mirrorsShape = {
  mirrors: z.record(nodeName, mirrorSchema).default({}).describe("port mirroring: Mirror rows by name, each sending copies of VM ports' packets to a collector"),
};

export type RawMirrors = z.infer<z.ZodObject<typeof mirrorsShape>>;
